/**
 * Hand-written English pieces of rep messages: who the customer is, what they objected to,
 * how the rep writes down a contact detail, and what the rep asks the coach.
 * Slots: {name} {p}/{P} (he/she) {pos} (his/her) {obj} (him/her) {co} {v} {where} {bank}.
 */

export const EN_NAMES: readonly (readonly [string, 'm' | 'f'])[] = [
  ['Mark', 'm'], ['Sarah', 'f'], ['Mr. Tanaka', 'm'], ['Priya', 'f'], ['David Chen', 'm'], ['Ms. Okafor', 'f'], ['Tom', 'm'],
  ['Helen from finance', 'f'], ['Raj', 'm'], ['Lucy', 'f'], ['Jürgen', 'm'], ['Olivia', 'f'], ['Ben', 'm'], ['Anna', 'f'],
  ['Marco', 'm'], ['Sophie', 'f'], ['Kevin Li', 'm'], ['Grace', 'f'], ['the CFO, Peter', 'm'], ['Nina', 'f'],
  ['their buyer, Carlos', 'm'], ['Mrs. Wang', 'f'], ['Mr. Zhang', 'm'], ['the procurement lead', 'f'], ['Aisha', 'f'], ['Chris', 'm'],
];

export const EN_COMPANIES = [
  'Northwind', 'Acme Logistics', 'Bluewave GmbH', 'Brightpath Ltd', 'Harbor Foods', 'Kestrel Health', 'Summit Retail', 'Pinecrest Realty',
  'Lumen Analytics', 'Redwood Manufacturing', 'Orion Insurance Brokers', 'Meridian Schools', 'Huaxin Tech', 'Zhongda Group', 'Atlas Freight',
];

export const EN_OBJECTIONS = [
  "{name} said let's revisit next quarter, the budget's frozen", '{name} thinks we are about 20% above what {co} pays the incumbent',
  '{name} wants to run it past {pos} boss before committing', "{name} says they're locked in with a competitor until June",
  '{name} asked for a three-month free pilot before any PO', '{name} wants net-90 payment terms or no deal',
  '{name} says their current tool is "good enough"', "{name} is worried we're too small to support a 5,000-seat rollout",
  '{name} went quiet after the proposal, two weeks now', "{name} says legal is still redlining and I shouldn't chase",
  '{name} wants a case study from their own industry first', '{name} says the implementation timeline is too long',
  "{name} told me procurement only cares about the lowest bid", '{name} will add volume to 3,000 units if we drop the unit price',
  '{name} thinks our platform is too complex for the field team', '{name} just changed roles and the new owner has not replied',
  '{name} says nothing gets signed in December, year-end freeze', '{name} is nervous about putting customer data in the cloud',
  '{name} says the other vendor threw in a free year of support', '{name} wants exclusivity for the region or walks',
  '{name} says it has to go to the board, next meeting is end of month', '{name} asked if the deposit can be split into three payments',
  "{name} doesn't trust our delivery team and wants someone on site", '{name} says the project is paused until the market picks up',
  '{name} personally likes it but says the VP will not approve', '{name} asked why the renewal is 8% higher than last year',
  '{name} wants to wait for the competitor demo and compare', '{name} says we have no experience in healthcare',
  '{name} says the PO entity does not match our contract, needs a rewrite', '{name} balked when I said three-year term',
  '{name} says IT would rather build it in-house', '{name} said $48,500 is over {pos} signing authority',
  "{name} got burned by the last vendor and doesn't trust anyone", '{name} says group procurement has to run it, not the local office',
  '{name} says renewal is fine but only at half the service fee', '{name} said "just send me some info" and hung up',
  "{name} says our API doesn't talk to their SAP instance", '{name} wants to see our SOC 2 report before another call',
  '{name} has a budget of 500k and we quoted 800k', "{name} is travelling this week, says we'll talk when {p} is back",
  '{name} needs three competing quotes for compliance', "{name} is worried the staff won't adopt a new system",
  '{name} has six months left on the old contract and the exit fee is steep', "{name}'s boss doesn't see it as a must-have",
  '{name} would consider it if training is included', '{name} loved the test drive but has to talk to {pos} wife',
  "{name} can't pull the down payment together yet", '{name} has concerns about the exclusions in the policy',
  '{name} says the gym down the road is half our price', '{name} wants the deposit back, family said no',
  '{name} is waiting for rates to drop before buying', '{name} wants to compare quotes from two other insurers',
  '{name} said the demo looked nothing like the real product', "{name} says the real decision maker is their CTO, not {obj}",
  "{name} went silent on the call when I said the price, then said {p}'d think about it", '{name} says they are still digesting last year\'s purchase',
  '{name} asked for a 15% discount to sign this week', "{name} said we're the most expensive of the three shortlisted",
];

export const EN_QUOTES = [
  'Drop the price 5% and we sign', "Let's pick this up next week, I'm slammed", "You're way more expensive than the others",
  'I need to run this by my boss', "Honestly there's no budget left this year", "We'll stick with what we have for now",
  "Legal is still reviewing, please don't chase", 'Can we get a free month to try it?', "I'm not convinced you can deliver on time",
  'Just send me some material', 'Net 90 or it cannot go through procurement', "I can't justify this number internally",
  "Let's talk after the holidays", "I'm on board, it's my boss you need to convince", 'Your competitor just came in 12% lower',
  "Can we do a smaller deposit?", "My wife isn't sold yet", "No rush, we'll see", 'We need three quotes, policy',
  "I'm travelling next week, ping me after", "We don't need half these features, can you strip them out and lower the price?",
  "How long has your company even been around?", "Don't send the contract yet, wait for my go-ahead",
];

export const EN_CLOSERS = [
  'How should I respond?', "What's my next move?", 'Any tips?', 'How do I handle this?', 'Should I push or wait?',
  'Help me draft a reply.', 'Is this a real objection or a brush-off?', 'Worth offering a discount?', 'Call now or give it a few days?',
  'What would you say?', 'How do I get {obj} back on track?', 'Need a reply by EOD.', '', '', '', 'Thoughts?',
  'How do I find out what is really holding {obj} up?', 'Should I go over {pos} head?', 'Can you give me a script?',
  'Is this deal dead?', 'What question should I ask {obj} next?', 'Draft me a short follow-up please.',
];

export const EN_FRAMES: Record<string, readonly string[]> = {
  phone: ["{pos} number is {v}", 'phone: {v}', 'call {obj} on {v}', 'reach {obj} at {v}', 'tel {v}', '{P} said to ring {v} any time'],
  mobile: [
    '{pos} cell is {v}', 'mobile: {v}', '{P} gave me {pos} mobile, {v}', '{pos} China mobile is {v}', 'call {v}',
    '{P} said to text {v} rather than email', '{pos} personal number {v} (please keep it private)', 'cell {v}, same number on WeChat',
    "tried {v} three times, no answer",
  ],
  land: ["{pos} office line in China is {v}", 'office: {v}', 'desk phone {v}', 'switchboard {v}, ask for {name}', 'landline {v}'],
  local: ['office tel {v}', '{pos} desk phone is {v} (local, no area code)', 'tel: {v}', 'office phone {v}', 'landline {v} during office hours'],
  intl: [
    "{P}'s in {where}, number {v}", 'call {obj} at {v}', 'direct line {v}', '{P} said call {v} after 3pm {whereAdj} time',
    'ring {obj} on {v}', 'Tel. {v}', '{pos} {whereAdj} number is {v}', 'mobile {v}', '{pos} cell, {v}',
  ],
  email: [
    '{pos} email is {v}', 'email: {v}', 'send the deck to {v}', '{P} asked me to cc {v}', '{pos} personal address {v} (not the corporate one)',
    'write to {v}', '{P} wants everything in writing at {v}', 'e-mail {v}', '{P} gave {pos} address as {v}', 'proposal goes to {v}',
  ],
  cn18: [
    '{P} sent {pos} ID number {v} for the contract', 'national ID: {v}', 'for the loan application {pos} ID is {v}', '{pos} Chinese ID card number is {v}',
    'resident ID {v}', 'the signatory ID on the form is {v}', '{P} pasted {pos} ID {v} into the group chat', 'can you check {v} is a valid ID number?',
  ],
  cn15: ['{P} still has an old 15-digit ID, {v}', 'old-format ID {v} (15 digits, our form rejects it)'],
  hkid: ['HKID {v}', "{pos} Hong Kong ID card is {v}", '{P} gave {pos} HKID as {v} for the account', 'HK identity card no. {v}'],
  passport: [
    'passport no. {v}', 'for the visa letter {pos} passport number is {v}', '{P} gave me {pos} passport, {v}, for the site visit flights',
    'Passport: {v}', '{pos} passport number {v} expires in May',
  ],
  twid: ['Taiwan ID {v}', '{pos} Taiwanese ID number is {v}'],
  card: [
    '{P} wants the deposit refunded to {pos} card {v}', 'card number {v}', '{P} read me {pos} {bank} card {v} over the phone for the setup fee',
    'charge the first installment to {v}', 'refund to {v}', '{P} texted me {pos} {bank} number {v}', '{bank} {v}', 'card on file: {v}',
  ],
  wechat: [
    '{pos} WeChat is {v}', 'WeChat ID: {v}', 'add {obj} on WeChat ({v})', 'wx: {v}', '{P} prefers WeChat: {v}', 'weixin {v}', 'vx {v}',
    '{P} said to add {pos} WeChat {v} instead of email', 'WeChat handle {v}',
  ],
  qq: ['QQ: {v}', '{pos} QQ number is {v}', '{P} only answers on QQ, {v}', 'QQ {v}', 'add {obj} on QQ, {v}', '{pos} QQ is {v}'],
};

export const EN_FIRST: Record<string, readonly string[]> = {
  phone: ['call me on {v}', 'my cell is {v}', 'reach me at {v}', 'text me: {v}', 'new number: {v}'],
  email: ['send it to {v}', 'my email is {v}', 'email me at {v}', 'use {v}, not my work address'],
  wechat: ['add me on WeChat, {v}', 'my WeChat is {v}', 'ping me on wx: {v}'],
  qq: ['my QQ is {v}', 'add me on QQ: {v}'],
  card: ['refund it to my card {v}', 'put it on {v}'],
};

export const EN_LABELS: Record<string, readonly string[]> = {
  mobile: ['M', 'Mobile', 'Cell', 'Tel', 'Phone'], land: ['Office', 'Tel', 'Direct', 'Phone'], local: ['Office tel', 'Desk phone', 'Tel (local)'],
  intl: ['M', 'Mobile', 'T', 'Phone', 'Direct'], email: ['E', 'Email', 'e-mail'], cn18: ['ID', 'National ID', 'ID no.'],
  cn15: ['ID (old, 15-digit)'], hkid: ['HKID'], passport: ['Passport', 'Passport No.'], twid: ['Taiwan ID'],
  card: ['Card', 'Card no.', 'Refund card'], wechat: ['WeChat', 'WeChat ID', 'wx'], qq: ['QQ'],
};

export const EN_TITLES = ['VP Procurement', 'Head of Operations', 'IT Director', 'Purchasing Manager', 'CFO', 'Office Manager', 'Regional Sales Director', 'Founder'];
