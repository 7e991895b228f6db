/**
 * The kinds of personal data redaction knows, the placeholder each becomes, and the span type
 * every detector returns (offsets into the text as typed: normalisation keeps lengths).
 */

export const KINDS = ['phone', 'email', 'id_number', 'bank_card', 'wechat', 'qq'] as const;
export type Kind = (typeof KINDS)[number];

export const PLACEHOLDER: Record<Kind, string> = {
  phone: '[phone]',
  email: '[email]',
  id_number: '[id-card]',
  bank_card: '[bank-card]',
  wechat: '[wechat]',
  qq: '[qq]',
};

/** A detected datum: `text.slice(start, end)` is replaced by the kind's placeholder. */
export interface Span {
  start: number;
  end: number;
  kind: Kind;
}
