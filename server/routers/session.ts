import { TRPCError } from '@trpc/server';
import { createRouter, sessionViewOf, userProcedure } from '@/server/trpc/init';

export const sessionRouter = createRouter({
  // The signed-in user and the organizations they may switch between.
  me: userProcedure.query(async ({ ctx }) => {
    const view = await sessionViewOf(ctx);
    if (!view)
      throw new TRPCError({
        code: 'UNAUTHORIZED',
        message: 'Your session has ended. Sign in again.',
      });
    return view;
  }),
});
