import { templateSchema, type AttestationTemplate } from './template';

/**
 * The templates every organization starts with (issue: anti-bribery, conflict of interest,
 * acceptable use, vendor security controls). Organizations copy and edit them; these stay as
 * shipped. Questions that disclose are the ones the schemes behind this product exploit: being
 * approached or paid for access, and outside work or ties that create a conflict.
 */
const RAW = {
  anti_bribery: {
    title: 'Anti-bribery and approaches for access',
    body: `## Anti-bribery declaration

Criminal groups, including state-backed ones, pay staff and vendor personnel for customer data,
credentials, or actions in our systems. Offers often arrive as "consulting", "data labelling" or
"research" work through messaging apps, recruiters or social networks.

By signing you confirm that you have read the anti-bribery policy, that you have **not** accepted
any payment, gift or promise in exchange for access to our systems or data, and that you will
report any approach to compliance at once.`,
    questions: [
      {
        id: 'read_policy',
        kind: 'yes_no',
        prompt: 'Have you read and understood the anti-bribery policy?',
        discloses: { when: ['no'], kind: 'control_gap' },
      },
      {
        id: 'approached',
        kind: 'yes_no',
        prompt:
          'In the last 12 months, has anyone asked you to share data, credentials or access, or to perform actions in our systems, for them?',
        discloses: { when: ['yes'], kind: 'approach' },
      },
      {
        id: 'approached_details',
        kind: 'text',
        prompt: 'Describe the approach: who, when, through which channel, what was asked.',
        detailsFor: 'approached',
      },
      {
        id: 'offered',
        kind: 'yes_no',
        prompt:
          'Have you been offered or received any payment, gift or favour connected with your access?',
        discloses: { when: ['yes'], kind: 'offer' },
      },
      {
        id: 'offered_details',
        kind: 'text',
        prompt: 'Describe the offer and what you did about it.',
        detailsFor: 'offered',
      },
    ],
  },
  conflict_of_interest: {
    title: 'Conflict of interest',
    body: `## Conflict of interest declaration

Declare outside work, ownership or relationships that could influence how you use your access.
A declared conflict is not a finding against you: it lets compliance put the right controls around
it.`,
    questions: [
      {
        id: 'outside_work',
        kind: 'yes_no',
        prompt:
          'Do you do paid or unpaid work for any other organization, including freelance or remote jobs?',
        discloses: { when: ['yes'], kind: 'conflict' },
      },
      {
        id: 'outside_work_details',
        kind: 'text',
        prompt: 'Name the organizations and the work.',
        detailsFor: 'outside_work',
      },
      {
        id: 'related_party',
        kind: 'yes_no',
        prompt:
          'Do you, or a close relative, hold an interest in a customer, vendor or competitor of ours?',
        discloses: { when: ['yes'], kind: 'conflict' },
      },
      {
        id: 'related_party_details',
        kind: 'text',
        prompt: 'Describe the interest.',
        detailsFor: 'related_party',
      },
    ],
  },
  acceptable_use: {
    title: 'Acceptable use of systems and data',
    body: `## Acceptable use

Use customer data only for the ticket or task in front of you. Never export, photograph or copy
records outside approved tools; never let anyone else use your session, device or credentials,
including through remote-control software.`,
    questions: [
      {
        id: 'accepts',
        kind: 'yes_no',
        prompt: 'Do you accept the acceptable use policy?',
        discloses: { when: ['no'], kind: 'control_gap' },
      },
      {
        id: 'shared_access',
        kind: 'yes_no',
        prompt:
          'Has anyone other than you used your account, device or session in the last 12 months?',
        discloses: { when: ['yes'], kind: 'approach' },
      },
      {
        id: 'shared_access_details',
        kind: 'text',
        prompt: 'Who used it, and why?',
        detailsFor: 'shared_access',
      },
    ],
  },
  vendor_security_controls: {
    title: 'Vendor security controls',
    body: `## Vendor security controls

Confirm the controls your organization keeps for the staff who work on our account.`,
    questions: [
      {
        id: 'background_checks',
        kind: 'choice',
        prompt: 'Which staff working on our account have passed a background check?',
        options: ['All', 'Most', 'Some', 'None'],
        discloses: { when: ['Some', 'None'], kind: 'control_gap' },
      },
      {
        id: 'offboarding_24h',
        kind: 'yes_no',
        prompt: "Do you remove a leaver's access to our systems within 24 hours?",
        discloses: { when: ['no'], kind: 'control_gap' },
      },
      {
        id: 'subcontracting',
        kind: 'yes_no',
        prompt: 'Do any subcontractors or fourth parties work on our account?',
        discloses: { when: ['yes'], kind: 'conflict' },
      },
      {
        id: 'subcontracting_details',
        kind: 'text',
        prompt: 'Name them and what they do.',
        detailsFor: 'subcontracting',
      },
    ],
  },
} as const;

export type DefaultTemplateKey = keyof typeof RAW;
export const DEFAULT_TEMPLATE_KEYS = Object.keys(RAW) as DefaultTemplateKey[];

/** Parsed once at load: a mistake in a shipped template fails every test, not a user. */
export const DEFAULT_TEMPLATES: Record<DefaultTemplateKey, AttestationTemplate> =
  Object.fromEntries(DEFAULT_TEMPLATE_KEYS.map((k) => [k, templateSchema.parse(RAW[k])])) as Record<
    DefaultTemplateKey,
    AttestationTemplate
  >;
