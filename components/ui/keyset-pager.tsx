import Link from 'next/link';
import { buttonClass } from './button';

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
    <div className="row justify-end mt-12">
      {cursor && (
        <Link className={buttonClass()} href={hrefFor(undefined)}>
          First page
        </Link>
      )}
      {nextCursor && (
        <Link className={buttonClass()} href={hrefFor(nextCursor)}>
          Next page
        </Link>
      )}
    </div>
  );
}
