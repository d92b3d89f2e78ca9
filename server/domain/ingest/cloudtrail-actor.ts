import type { ActorIdentifier, ActorKind } from './event';
import { at, isEmail, isObject, text, type JsonObject } from './values';

// Who made a CloudTrail call (docs/INGEST.md §Per-source decisions).

export type CloudTrailActor = {
  actor: string;
  actorKind: ActorKind;
  actorAlternates: ActorIdentifier[];
};

const EC2_INSTANCE = /^i-[0-9a-f]{8,17}$/;
const SERVICE_LINKED_ROLE = /:role\/aws-service-role\//;

/**
 * The actor of one record. People are named by what resolves to them: an email (IAM Identity
 * Center, an email-named IAM user or role session), an IAM user's ARN (unique per account: two
 * accounts' `alice` are two actors), a role session's name. Machine identities (AWS services,
 * EC2 instance roles, service-linked roles) are kind `machine`, the account root kind `root`:
 * neither is a person to resolve.
 */
export function cloudTrailActor(record: JsonObject): CloudTrailActor | null {
  const identity = isObject(record.userIdentity) ? record.userIdentity : {};
  const arn = text(identity.arn);
  const accountId = text(identity.accountId);
  const afterSlash = arn?.includes('/') ? text(arn.slice(arn.lastIndexOf('/') + 1)) : null;
  const principalName = text(text(identity.principalId)?.split(':')[1]);
  const invokedBy = text(identity.invokedBy);

  switch (identity.type) {
    case 'Root':
      return {
        actor: arn ?? (accountId ? `arn:aws:iam::${accountId}:root` : 'root'),
        actorKind: 'root',
        actorAlternates: [],
      };
    case 'AWSService':
      return invokedBy ? machine(invokedBy) : null;
    case 'IAMUser': {
      const name = text(identity.userName) ?? afterSlash;
      if (name && isEmail(name)) return person(name, arn);
      const userArn = arn ?? (name && accountId ? `arn:aws:iam::${accountId}:user/${name}` : null);
      return userArn ? { actor: userArn, actorKind: 'aws', actorAlternates: [] } : null;
    }
    case 'AssumedRole': {
      const session = afterSlash ?? principalName;
      const issuerArn = text(at(identity, 'sessionContext', 'sessionIssuer', 'arn'));
      const isMachine =
        (session !== null && EC2_INSTANCE.test(session)) ||
        isObject(at(identity, 'sessionContext', 'ec2RoleDelivery')) ||
        (issuerArn !== null && SERVICE_LINKED_ROLE.test(issuerArn)) ||
        (arn !== null && SERVICE_LINKED_ROLE.test(arn));
      // The session's ARN names role and session: unique per account, never shared by people.
      if (isMachine) return machine(arn ?? session ?? invokedBy);
      return session ? person(session, arn) : invokedBy ? machine(invokedBy) : null;
    }
    case 'FederatedUser': {
      const name = afterSlash ?? principalName;
      return name ? person(name, arn) : null;
    }
    default:
      return identityCenterUser(identity, record) ?? other(identity, arn, afterSlash, invokedBy);
  }
}

function person(name: string, arn: string | null): CloudTrailActor {
  return {
    actor: name,
    actorKind: isEmail(name) ? 'email' : 'aws',
    actorAlternates: arn && arn !== name ? [{ kind: 'aws', value: arn }] : [],
  };
}

function machine(name: string | null): CloudTrailActor | null {
  return name ? { actor: name, actorKind: 'machine', actorAlternates: [] } : null;
}

/**
 * IAM Identity Center sign-ins: `type` `IdentityCenterUser` (or `Unknown` in older records),
 * an empty ARN, the user name in `additionalEventData.UserName` (or `userName`) and the
 * Identity Center user id in `onBehalfOf.userId`.
 */
function identityCenterUser(identity: JsonObject, record: JsonObject): CloudTrailActor | null {
  const userId = text(at(identity, 'onBehalfOf', 'userId'));
  const name =
    text(at(record, 'additionalEventData', 'UserName')) ??
    (text(identity.arn) ? null : text(identity.userName));
  if (!name && !userId) return null;
  if (identity.type !== 'IdentityCenterUser' && identity.type !== 'Unknown' && !userId) return null;
  const actorName = name ?? userId!;
  return {
    actor: actorName,
    actorKind: isEmail(actorName) ? 'email' : 'aws',
    actorAlternates: name && userId ? [{ kind: 'aws', value: userId }] : [],
  };
}

/** Any other type (`AWSAccount`, `WebIdentityUser`, `SAMLUser`, new ones): the best name given. */
function other(
  identity: JsonObject,
  arn: string | null,
  afterSlash: string | null,
  invokedBy: string | null,
): CloudTrailActor | null {
  const name = text(identity.userName) ?? afterSlash ?? arn ?? text(identity.principalId);
  if (name) return person(name, arn);
  return machine(invokedBy);
}
