import Link from 'next/link';
import { Button, buttonClass } from './button';

/** Apply / Clear for the GET filter forms whose state lives in the URL. */
export function FilterActions({ clearHref }: { clearHref: string }) {
  return (
    <div className="row">
      <Button variant="primary" type="submit">
        Apply
      </Button>
      <Link className={buttonClass()} href={clearHref}>
        Clear
      </Link>
    </div>
  );
}
