import { SCIM } from './protocol';

/** Most resources one list page returns (ServiceProviderConfig's filter.maxResults). */
export const SCIM_MAX_RESULTS = 200;

const meta = (base: string, resourceType: string, path: string) => ({
  resourceType,
  location: `${base}/${path}`,
});

/** What this server supports (RFC 7643 §5); identity providers read it to choose requests. */
export function serviceProviderConfig(base: string) {
  return {
    schemas: [SCIM.serviceProviderConfig],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: SCIM_MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'API key',
        description:
          'A Vigil API key with the scim scope, as Authorization: Bearer vgl_… (Settings → API keys).',
        primary: true,
      },
    ],
    meta: meta(base, 'ServiceProviderConfig', 'ServiceProviderConfig'),
  };
}

export function resourceTypes(base: string) {
  return [
    {
      schemas: [SCIM.resourceType],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'A person in Vigil’s inventory',
      schema: SCIM.user,
      schemaExtensions: [{ schema: SCIM.enterprise, required: false }],
      meta: meta(base, 'ResourceType', 'ResourceTypes/User'),
    },
    {
      schemas: [SCIM.resourceType],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'A group pushed by the identity provider (kept with its members)',
      schema: SCIM.group,
      meta: meta(base, 'ResourceType', 'ResourceTypes/Group'),
    },
  ];
}

type Attribute = {
  name: string;
  type: 'string' | 'boolean' | 'complex' | 'reference';
  multiValued?: boolean;
  required?: boolean;
  caseExact?: boolean;
  mutability?: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  returned?: 'always' | 'default' | 'never' | 'request';
  uniqueness?: 'none' | 'server' | 'global';
  subAttributes?: Attribute[];
  referenceTypes?: string[];
};

const str = (name: string, extra: Partial<Attribute> = {}): Attribute => ({
  name,
  type: 'string',
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
  ...extra,
});

/** The attributes Vigil keeps; others sent are accepted and ignored (docs/SCIM.md §Mapping). */
const SCHEMAS = [
  {
    id: SCIM.user,
    name: 'User',
    description: 'User account',
    attributes: [
      str('userName', { required: true, uniqueness: 'server' }),
      str('externalId', { caseExact: true }),
      {
        ...str('name'),
        type: 'complex',
        subAttributes: [str('formatted'), str('givenName'), str('familyName')],
      },
      str('displayName'),
      str('title'),
      str('userType'),
      { ...str('active'), type: 'boolean' },
      {
        ...str('emails'),
        type: 'complex',
        multiValued: true,
        subAttributes: [str('value'), str('type'), { ...str('primary'), type: 'boolean' }],
      },
    ],
  },
  {
    id: SCIM.enterprise,
    name: 'EnterpriseUser',
    description: 'Enterprise user',
    attributes: [
      str('department'),
      {
        ...str('manager'),
        type: 'complex',
        subAttributes: [
          str('value', { caseExact: true }),
          str('displayName', { mutability: 'readOnly' }),
        ],
      },
    ],
  },
  {
    id: SCIM.group,
    name: 'Group',
    description: 'Group',
    attributes: [
      str('displayName', { required: true }),
      str('externalId', { caseExact: true }),
      {
        ...str('members'),
        type: 'complex',
        multiValued: true,
        subAttributes: [
          str('value', { caseExact: true, mutability: 'immutable' }),
          {
            ...str('$ref', { mutability: 'immutable' }),
            type: 'reference',
            referenceTypes: ['User'],
          },
          str('type', { mutability: 'immutable' }),
        ],
      },
    ],
  },
] as const;

export function schemas(base: string) {
  return SCHEMAS.map((s) => ({
    schemas: [SCIM.schema],
    ...s,
    meta: meta(base, 'Schema', `Schemas/${s.id}`),
  }));
}
