import Link from 'next/link';

/** First / Next links for keyset-paginated lists; `hrefFor(undefined)` is the first page. */
export function KeysetPager({
  cursor,
  nextCursor,
  hrefFor,
}: {
  cursor: string | undefined;
  nextCursor: string | null;
  hrefFor: (cursor: string | undefined) => string;
}) {
  if (!nextCursor && !cursor) return null;
  return (
    <div className="row" style={{ justifyContent: 'flex-end', marginTop: 12 }}>
      {cursor && (
        <Link className="btn" href={hrefFor(undefined)}>
          First page
        </Link>
      )}
      {nextCursor && (
        <Link className="btn" href={hrefFor(nextCursor)}>
          Next page
        </Link>
      )}
    </div>
  );
}
