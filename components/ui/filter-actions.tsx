import Link from 'next/link';

/** Apply / Clear for the GET filter forms whose state lives in the URL. */
export function FilterActions({ clearHref }: { clearHref: string }) {
  return (
    <div className="row">
      <button className="btn btn-primary" type="submit">
        Apply
      </button>
      <Link className="btn" href={clearHref}>
        Clear
      </Link>
    </div>
  );
}
