import { z } from 'zod';
import { getDatabaseHandle } from '@/db/client';
import { scheduleVendorReviews } from '@/server/services/vendor-reviews/scheduler';
import { command, orgFlag, orgIdFor, print } from '../args';

/** `vigil vendor-reviews schedule --org S`: periodic reviews that fall due within 30 days. */
export const vendorReviewsSchedule = command({
  args: z.object({ org: orgFlag }),
  input: ({ values }) => ({ org: values.org }),
  handler: async ({ org }, out) => {
    await getDatabaseHandle();
    const result = await scheduleVendorReviews(await orgIdFor(org));
    print(
      out,
      result.opened === 0
        ? 'No vendor reviews fell due.'
        : `${result.opened} periodic review(s) opened: ${result.vendors.join(', ')}`,
      result,
    );
  },
});
