import { createRouter, userProcedure } from '@/server/trpc/init';

export const sessionRouter = createRouter({
  // The signed-in user and the organizations they may switch between (resolved by the builder).
  me: userProcedure.query(({ ctx }) => ctx.view),
});
