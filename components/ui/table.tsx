import type { ComponentProps } from 'react';
import { cx } from './cx';

/**
 * A table in its horizontal scroller. `testId` lands on the table; `rowsTop` aligns cells to the
 * top (for rows that grow a form); `className` is the table's.
 */
export function Table({
  testId,
  rowsTop = false,
  className,
  wrapClassName,
  ...props
}: ComponentProps<'table'> & { testId?: string; rowsTop?: boolean; wrapClassName?: string }) {
  return (
    <div className={cx('table-wrap', wrapClassName)}>
      <table
        className={cx(rowsTop && 'rows-top', className) || undefined}
        data-testid={testId}
        {...props}
      />
    </div>
  );
}

/** A header cell; `num` right-aligns it over a column of figures. */
export function Th({ num = false, className, ...props }: ComponentProps<'th'> & { num?: boolean }) {
  return <th className={cx(num && 'num', className) || undefined} {...props} />;
}

/** A body cell; `num` right-aligns figures (tabular digits). */
export function Td({ num = false, className, ...props }: ComponentProps<'td'> & { num?: boolean }) {
  return <td className={cx(num && 'num', className) || undefined} {...props} />;
}
