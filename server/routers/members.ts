import { resetMemberMfaSchema } from '@/server/domain/mfa/inputs';
import { setRevealPermissionSchema } from '@/server/domain/privacy/inputs';
import {
  acceptInvitationAsUserSchema,
  acceptInvitationSchema,
  addMemberSchema,
  changeRoleSchema,
  revokeInvitationSchema,
  setMemberStatusSchema,
} from '@/server/domain/tenancy/inputs';
import { MEMBER_READERS, TENANT_ADMIN } from '@/server/domain/tenancy/roles';
import { resetMemberMfa } from '@/server/services/mfa/admin';
import { setRevealPermission } from '@/server/services/privacy/reveal-commands';
import {
  acceptInvitation,
  acceptInvitationAsUser,
  addMember,
  revokeInvitation,
} from '@/server/services/tenancy/invitations';
import { changeMemberRole, listMembers, setMemberStatus } from '@/server/services/tenancy/members';
import { createRouter, orgProcedure, publicProcedure, userProcedure } from '@/server/trpc/init';

export const membersRouter = createRouter({
  list: orgProcedure(MEMBER_READERS).query(({ ctx }) => listMembers(ctx.actor)),
  add: orgProcedure(TENANT_ADMIN)
    .input(addMemberSchema)
    .mutation(({ ctx, input }) => addMember(ctx.actor, input)),
  changeRole: orgProcedure(TENANT_ADMIN)
    .input(changeRoleSchema)
    .mutation(({ ctx, input }) => changeMemberRole(ctx.actor, input)),
  setStatus: orgProcedure(TENANT_ADMIN)
    .input(setMemberStatusSchema)
    .mutation(({ ctx, input }) => setMemberStatus(ctx.actor, input)),
  // A member lost their device: their second factors go and their sessions end.
  resetMfa: orgProcedure(TENANT_ADMIN)
    .input(resetMemberMfaSchema)
    .mutation(({ ctx, input }) => resetMemberMfa(ctx.actor, input)),
  setRevealPermission: orgProcedure(TENANT_ADMIN)
    .input(setRevealPermissionSchema)
    .mutation(({ ctx, input }) => setRevealPermission(ctx.actor, input)),
  revokeInvitation: orgProcedure(TENANT_ADMIN)
    .input(revokeInvitationSchema)
    .mutation(({ ctx, input }) => revokeInvitation(ctx.actor, input)),
  // The invitee has no account yet: the single-use token is the credential.
  acceptInvitation: publicProcedure
    .input(acceptInvitationSchema)
    .mutation(({ ctx, input }) => acceptInvitation(input, ctx.meta)),
  // An existing account joins while signed in as itself (the invitation's email).
  acceptInvitationAsUser: userProcedure
    .input(acceptInvitationAsUserSchema)
    .mutation(({ ctx, input }) => acceptInvitationAsUser(ctx.session.userId, input, ctx.meta)),
});
