import type { ReactNode } from 'react';
import { cx } from './cx';

/**
 * A card: a white surface with a border. With a `title` it is a `<section>` labelled by its
 * heading, and `aside` sits at the right of the heading. `stack` spaces its children; `spaced`
 * sets it apart from what comes before (for a card that does not follow another card).
 */
export function Panel({
  title,
  titleId,
  headingLevel = 2,
  aside,
  stack = false,
  spaced = false,
  className,
  testId,
  children,
}: {
  title?: ReactNode;
  titleId?: string;
  headingLevel?: 2 | 3;
  aside?: ReactNode;
  stack?: boolean;
  spaced?: boolean;
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  const classes = cx('card', stack && 'stack', spaced && 'mt-16', className);
  if (title === undefined)
    return (
      <div className={classes} data-testid={testId}>
        {children}
      </div>
    );
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className={classes} aria-labelledby={titleId} data-testid={testId}>
      <div className={cx('card-header', stack && 'flush')}>
        <Heading id={titleId}>{title}</Heading>
        {aside}
      </div>
      {children}
    </section>
  );
}
