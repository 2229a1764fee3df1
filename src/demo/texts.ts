import type { TicketType } from '../db/schema.ts';

/**
 * What customers and agents write, per category. `{placeholders}` are filled per ticket (see
 * `fill`); each category has about five openings so that 400 tickets read like a real queue.
 *
 * A few customer phrasings for billing and payment tickets are taken from BANKING77
 * (PolyAI, Casanueva et al. 2020, https://github.com/PolyAI-LDN/task-specific-datasets),
 * licensed CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/); used verbatim.
 */
export const banking77 = {
  double: [
    'My card got charged twice for the same thing!',
    'How can I fix this?  There is a double charge on my account.',
    'I have duplicated transactions on my statement',
    "I only made one transaction at this place, but it's appearing multiple times.",
    'How do I query a payment on my card? It looks like I have paid for the same thing twice.',
  ],
  refund: [
    'Please help me.  I am still waiting on a refund.',
    'I requested a refund but am unable to see it in my account. Why is that?',
    "They said I would get a refund but I don't see it on my statement.",
    "How come my refund hasn't appeared on my statement?",
  ],
  declined: [
    'Do you know why my card payment has been declined?',
    'The card payment I attempted to make failed.',
    "I'm not sure why the card payment didn't work.",
    'Tell me why my card payment has been declined.',
  ],
  fee: [
    'Why is there an extra fee on my statement?',
    "I shouldn't have been charged but I see a fee, why?",
    'What is the reason for the extra fee on my statement?',
  ],
};

export interface Opening {
  subjects: string[];
  body: string;
  type?: TicketType;
  tags?: string[];
}

export interface Answer {
  text: string;
  code: string;
  tags?: string[];
}

export interface CategoryText {
  openings: Opening[];
  /** Tier 1's solution in one reply. */
  answers: Answer[];
  /** Tier 1 asks for what it needs. */
  questions: string[];
  /** The customer's answer to a question. */
  customerInfo: string[];
  /** Why Tier 1 hands this over (internal). */
  escalation: string[];
  /** Tier 2 findings (internal). */
  investigation: string[];
  /** Tier 2's solution. */
  t2Answers: Answer[];
  /** Waiting on someone else (public update while on hold). */
  hold: string[];
}

const techHold = [
  'Our engineers have reproduced the problem and are working on a fix. I have put your ticket on hold and will update you as soon as it ships.',
  'Thanks for bearing with us. This needs a code change on our side; the fix is in progress and I will let you know when it is released.',
];

export const categoryTexts: Record<string, CategoryText> = {
  invoices: {
    openings: [
      {
        subjects: ['Invoice {invoice} shows the wrong amount', 'Question about invoice {invoice}'],
        body: 'Hello,\n\nour invoice {invoice} from {date} is for {amount}, but we only have {seats} seats on the {plan} plan and expected a lower total. Can you tell us what the extra charge is for?\n\nThanks,\n{first}',
      },
      {
        subjects: ['Need our VAT ID on invoices', 'VAT number missing from invoice'],
        body: 'Hi,\n\nour finance team needs our VAT ID on every invoice. Where can I add it, and could you reissue {invoice} with it?\n\nKind regards,\n{first}',
        type: 'task',
      },
      {
        subjects: ["Can't download invoice PDF", 'Invoice download not working'],
        body: 'When I click "Download" on the billing page, the PDF for {invoice} never arrives: the button spins and then nothing happens. I am using {browser}.\n\n{first}',
        type: 'incident',
      },
      {
        subjects: ['Unexpected charge on our statement', 'Extra fee on invoice {invoice}'],
        body: '{fee}\n\nIt seems to be linked to our {plan} subscription (invoice {invoice}, {amount}). Nobody here remembers adding anything.\n\n{first}',
      },
      {
        subjects: ['Invoice address is out of date', 'Please correct the billing address'],
        body: 'Hello,\n\nwe moved offices and invoice {invoice} still shows our old address, so our accountant rejected it. How do we update the address and get a corrected copy?\n\nThank you,\n{first}',
        type: 'task',
      },
    ],
    answers: [
      {
        text: 'I checked {invoice}: the difference is the pro-rated charge for the {seatsAdd} seats added on {date}. You can see each line under Settings → Billing → Invoices → Details. Nothing was charged twice.',
        code: 'answered',
      },
      {
        text: 'You can add your VAT ID under Settings → Billing → Company details; it will appear on every invoice from now on. I have reissued {invoice} with the VAT ID and sent it to your billing contact.',
        code: 'configuration',
      },
      {
        text: 'I have corrected the billing address on your account and attached a reissued copy of {invoice}. Future invoices will use the new address automatically.',
        code: 'configuration',
      },
      {
        text: 'The extra line on {invoice} is the usage-based storage add-on, which started when your workspace passed the included storage on {date}. You can cap it under Settings → Billing → Add-ons.',
        code: 'answered',
        tags: ['how-to'],
      },
    ],
    questions: [
      'Happy to look into this. Could you tell me the email address of the account owner and which line on {invoice} looks wrong to you?',
      'Could you send me the invoice number and the legal entity name you want on it? Then I can reissue it right away.',
    ],
    customerInfo: [
      'Sure: it is the line "Additional seats" on {invoice}. The owner is me.',
      'The legal name is {org}, and it is about {invoice}. Thanks!',
    ],
    escalation: [
      'The invoice total does not match the subscription history and I cannot see why; needs someone with billing-system access.',
      'Customer disputes a charge that looks like a billing-system error; handing over to Accounts.',
    ],
    investigation: [
      'The seat change on {date} was recorded twice by the billing sync, so {invoice} charges {seatsAdd} seats twice.',
      'Tax was calculated for the wrong region after the address change; the invoice needs to be voided and reissued.',
    ],
    t2Answers: [
      {
        text: 'You were right: a sync error billed the seat change twice. I have voided {invoice}, issued a corrected invoice and credited {amount} to your account.',
        code: 'refund_issued',
        tags: ['refund'],
      },
      {
        text: 'I voided {invoice} and issued a corrected one with the right tax rate. No action is needed on your side.',
        code: 'configuration',
      },
    ],
    hold: [
      'I have asked our billing provider to correct the invoice; this usually takes two to three business days. I will get back to you as soon as I hear from them.',
    ],
  },

  refunds: {
    openings: [
      {
        subjects: ['Refund for unused seats', 'Pro-rated refund after reducing seats'],
        body: 'Hi,\n\nwe reduced our team from {seats} to {seatsLess} seats in the middle of the billing cycle. Are we entitled to a pro-rated refund for the unused seats on {invoice}?\n\nBest,\n{first}',
      },
      {
        subjects: ['Charged twice this month', 'Double charge on our card'],
        body: '{double}\n\nOur card ending in {last4} shows two charges of {amount} on {date}. Please refund the duplicate.\n\n{first}',
        type: 'incident',
      },
      {
        subjects: ['Refund still not received', 'Where is our refund?'],
        body: '{refund}\n\nYou confirmed a refund of {amount} on {date}, but nothing has arrived on the card ending in {last4}.\n\n{first}',
      },
      {
        subjects: ['Cancelled during the trial but was charged', 'Charged after cancelling trial'],
        body: 'Hello,\n\nI cancelled during the free trial, but I was charged {amount} on {date}. Please refund this charge.\n\n{first}',
      },
      {
        subjects: ['Refund when switching from annual to monthly', 'Annual plan refund question'],
        body: 'We are moving from the annual {plan} plan to monthly billing. How much of the annual fee will be refunded, and when?\n\nThanks,\n{first}',
        type: 'question',
      },
    ],
    answers: [
      {
        text: 'I have refunded {amount} to the card ending in {last4}. Depending on your bank it takes 5–10 business days to show on your statement.',
        code: 'refund_issued',
        tags: ['refund'],
      },
      {
        text: 'The refund of {amount} was issued on {date} with reference RF-{last4}09. Banks usually show it within 10 business days; if it is not there by then, your bank can trace it with that reference.',
        code: 'answered',
        tags: ['refund'],
      },
      {
        text: 'Seat reductions take effect at the next renewal rather than mid-cycle, so there is no pro-rated refund, but I have applied a one-time credit of {amount} to your next invoice as a goodwill gesture.',
        code: 'answered',
      },
    ],
    questions: [
      'I am sorry about this. Could you send me the date and amount of both charges as they appear on your statement, and the last four digits of the card?',
      'Could you confirm which workspace this is for and the email address of the billing owner? I cannot find a refund under this address.',
    ],
    customerInfo: [
      'Both charges are {amount} on {date}, card ending in {last4}.',
      'The workspace is {workspace}, billing owner is our finance lead. The charge was on {date}.',
    ],
    escalation: [
      'Refund above the Tier 1 limit; needs approval from Accounts.',
      'Customer reports a refund that our payment provider shows as completed; needs a trace with the provider.',
    ],
    investigation: [
      'Payment provider confirms the duplicate authorisation was captured; safe to refund {amount}.',
      'The refund bounced because the card was replaced; the provider needs new card details.',
    ],
    t2Answers: [
      {
        text: 'I have approved and issued the refund of {amount}. You will receive a confirmation email from our payment provider shortly.',
        code: 'refund_issued',
        tags: ['refund'],
      },
      {
        text: 'The original refund bounced because the card ending in {last4} was replaced. I re-issued it to your new card today.',
        code: 'refund_issued',
        tags: ['refund'],
      },
    ],
    hold: [
      'I have opened a trace with our payment provider for this refund. They answer within three business days; I will update you then.',
    ],
  },

  'payment-failed': {
    openings: [
      {
        subjects: ['Card declined at renewal', 'Renewal payment declined'],
        body: '{declined}\n\nThe renewal of our {plan} subscription failed with the card ending in {last4}. The card works everywhere else.\n\n{first}',
        type: 'incident',
      },
      {
        subjects: ['Payment failed: will our workspace be suspended?', 'Failed payment warning for {invoice}'],
        body: 'Hi,\n\nwe received an email that the payment for {invoice} failed and the workspace will be suspended in 7 days. We have updated the card. Can you retry the charge?\n\n{first}',
      },
      {
        subjects: ['Bank verification window never appears', '3-D Secure check fails'],
        body: 'When I try to pay, the bank verification window flashes briefly and the payment fails with "authentication required". I tried {browser} and another browser.\n\n{first}',
        type: 'incident',
      },
      {
        subjects: ['SEPA direct debit rejected', 'Direct debit failed for {invoice}'],
        body: 'Hallo,\n\nour SEPA mandate was rejected for {invoice}. Our bank says everything is fine on their side. What should we do?\n\n{first}',
      },
      {
        subjects: ['Can we pay by bank transfer instead?', 'Switch from card to invoice payment'],
        body: 'Our card payment keeps failing because of company card limits ({amount}). Can we pay by bank transfer against an invoice instead?\n\n{first}',
        type: 'question',
      },
    ],
    answers: [
      {
        text: 'I retried the charge for {invoice} with your updated card and it went through. Your workspace is in good standing; no suspension will happen.',
        code: 'answered',
      },
      {
        text: 'The bank declined the charge with code "do not honour", which comes from the card issuer. Please ask them to allow recurring payments from Nimbus, then use "Retry payment" under Settings → Billing.',
        code: 'answered',
        tags: ['how-to'],
      },
      {
        text: 'I have switched your account to invoice payment by bank transfer (30 days). Your next invoice will include our bank details.',
        code: 'configuration',
      },
    ],
    questions: [
      'Could you tell me the exact error you see and the time you tried, so I can find the attempt in our payment logs?',
      'Which card brand is it, and does your bank send you an SMS or app notification for the verification?',
    ],
    customerInfo: [
      'It was a Visa, tried at about {time}. The error said "authentication required".',
      'I tried again just now; same message, card ending in {last4}.',
    ],
    escalation: [
      'Several declines with an unusual provider error; needs Tier 2 to check the payment gateway logs.',
      'Card payments fail at the 3-D Secure step for this customer only; could be our checkout.',
    ],
    investigation: [
      'Gateway logs show the 3-D Secure challenge is blocked by a content-security rule in our checkout page for some issuers.',
      'Payment provider had an elevated decline rate for cards from this issuer on {date}.',
    ],
    t2Answers: [
      {
        text: 'We found a problem in our checkout that blocked the verification window for some banks and deployed a fix. Please try again; it should now open normally.',
        code: 'bug_fixed',
        tags: ['bug'],
      },
      {
        text: 'Our payment provider had a temporary problem with cards from your bank. I retried the charge today and it succeeded.',
        code: 'answered',
      },
    ],
    hold: [
      'We have raised this with our payment provider and are waiting for their answer. I have paused the suspension warning for your workspace in the meantime.',
    ],
  },

  'plan-change': {
    openings: [
      {
        subjects: ['Upgrade from {plan} to {otherPlan}', 'Upgrading our plan'],
        body: 'Hi,\n\nwe would like to upgrade to {otherPlan} before our renewal on {renewal}. Will we be charged the difference now or at renewal?\n\n{first}',
        type: 'task',
      },
      {
        subjects: ['Downgrade at renewal', 'Move to {otherPlan} at the end of the term'],
        body: 'Please downgrade us to {otherPlan} at the end of the current term ({renewal}). Which features would we lose?\n\nThanks,\n{first}',
        type: 'task',
      },
      {
        subjects: ['Add {seatsAdd} seats', 'Need more seats'],
        body: 'We are onboarding a new team and need {seatsAdd} more seats. Can I add them myself, or do you need to?\n\n{first}',
        type: 'question',
      },
      {
        subjects: ['Switch to annual billing', 'Monthly to annual'],
        body: 'We would like to switch from monthly to annual billing to get the discount. How does that work with our current cycle?\n\n{first}',
        type: 'question',
      },
      {
        subjects: ['Nonprofit discount?', 'Discount for a registered charity'],
        body: 'Hello,\n\n{org} is a registered nonprofit. Do you offer a discount on the {plan} plan?\n\nBest regards,\n{first}',
        type: 'question',
      },
    ],
    answers: [
      {
        text: 'You can upgrade yourself under Settings → Billing → Change plan. The difference is charged pro rata today, and your renewal date ({renewal}) stays the same.',
        code: 'answered',
        tags: ['how-to'],
      },
      {
        text: 'I have scheduled the change to {otherPlan} for {renewal}. You keep all current features until then; after that, advanced permissions and audit logs will no longer be available.',
        code: 'configuration',
      },
      {
        text: 'Admins can add seats under Settings → Members → Add seats; each seat is charged pro rata for the rest of the term. I have added the {seatsAdd} seats for you now.',
        code: 'configuration',
        tags: ['how-to'],
      },
      { text: 'I have applied our nonprofit discount (30%) to your subscription from the next invoice on.', code: 'configuration' },
      {
        text: 'Switching billing frequency mid-term is not self-service yet; I have noted your interest with our product team. For now I have arranged annual billing from your renewal on {renewal}.',
        code: 'feature_request',
        tags: ['feature-request'],
      },
    ],
    questions: [
      'Could you confirm the number of seats you need on the new plan and whether the change should happen now or at renewal?',
      'Could you send us proof of your nonprofit status (registration number is enough)?',
    ],
    customerInfo: ['{seats} seats, and the change can happen at renewal.', 'Our registration number is NP-{last4}-{seatsAdd}. Thank you!'],
    escalation: [
      'Contract customer with a custom price; plan changes need Accounts.',
      'Enterprise contract terms involved; handing to Accounts.',
    ],
    investigation: ['Custom contract: seat price is fixed until {renewal}; the change needs an order form.'],
    t2Answers: [
      {
        text: 'I have prepared an order form for the change; once it is signed the new plan is active immediately. Your account manager has a copy.',
        code: 'configuration',
      },
    ],
    hold: ['I am waiting for our finance team to approve the contract change and will update you within two business days.'],
  },

  'login-access': {
    openings: [
      {
        subjects: ["Can't log in after password reset", 'Login fails with "invalid credentials"'],
        body: 'I reset my password twice and still get "invalid credentials". Other people at {org} can log in fine.\n\n{first}',
        type: 'incident',
      },
      {
        subjects: ['SSO login fails with SAML error', 'Single sign-on broken: signature invalid'],
        body: 'Since this morning, signing in through our identity provider shows "SAML response signature invalid". {users} people are locked out.\n\n{first}',
        type: 'incident',
        tags: ['sso'],
      },
      {
        subjects: ['Password reset email never arrives', 'No reset email'],
        body: 'I requested a password reset three times and nothing arrived (I checked spam). My address is the one on this ticket.\n\n{first}',
      },
      {
        subjects: ['Lost my phone with the 2FA app', 'Locked out: two-factor device lost'],
        body: 'I lost my phone with the authenticator app and cannot sign in. How can I get back into my account?\n\n{first}',
      },
      {
        subjects: ['Invitation link says "expired"', "New colleague can't accept invite"],
        body: 'A new colleague clicks the invitation link and gets "This invitation has expired", although I sent it today.\n\n{first}',
      },
    ],
    answers: [
      {
        text: 'Your account was locked after several failed attempts. I have unlocked it; please sign in with your new password. If a password manager filled the old one, clear the saved entry first.',
        code: 'answered',
      },
      {
        text: 'Our reset emails were being rejected by your mail server. I have sent a fresh reset link from our alternate sender; please ask IT to allow mail from Nimbus.',
        code: 'configuration',
      },
      {
        text: 'After verifying your identity I have reset two-factor authentication on your account. You will be asked to set it up again at your next sign-in; please save the recovery codes this time.',
        code: 'answered',
      },
      {
        text: 'Invitations expire when the workspace has no free seat at the moment they are accepted. I have added a seat and re-sent the invitation.',
        code: 'configuration',
        tags: ['how-to'],
      },
    ],
    questions: [
      'To verify your identity, could you reply with the name of your workspace and the date of your last invoice?',
      'Which identity provider do you use, and when did you last rotate its signing certificate?',
    ],
    customerInfo: ['Workspace is {workspace}; last invoice was {invoice}.', 'We use Okta. IT rotated the certificate yesterday evening.'],
    escalation: [
      'SSO failing for the whole organization; looks like a certificate issue, needs Tier 2 to check the SAML logs.',
      'Password reset emails are accepted by our mail service but never delivered; needs a look at the mail logs.',
    ],
    investigation: [
      'SAML logs show the IdP now signs with a new certificate; the old fingerprint is still configured for this workspace.',
      'Mail logs: reset emails bounce with "550 policy rejection" from the customer mail gateway.',
    ],
    t2Answers: [
      {
        text: 'Your identity provider now signs with a new certificate. I updated the fingerprint in your SSO settings and sign-in works again; next time, upload the new certificate under Settings → Security → SSO before rotating.',
        code: 'configuration',
        tags: ['sso'],
      },
      {
        text: 'Your mail gateway rejects our emails by policy. Please allow-list mail.nimbus.example; I have sent you the SPF and DKIM details.',
        code: 'configuration',
      },
    ],
    hold: techHold,
  },

  outage: {
    openings: [
      {
        subjects: ['Workspace not loading: {error}', 'Everything returns {error}'],
        body: 'Nobody at {org} can open the workspace. Every page returns {error}. This is blocking our whole team ({users} users).\n\n{first}',
        type: 'incident',
        tags: ['outage'],
      },
      {
        subjects: ['URGENT: service down for us', 'Nimbus completely down?'],
        body: 'Everything has been timing out for about {minutes} minutes. Your status page says all systems are operational, but we are completely down.\n\n{first}',
        type: 'incident',
        tags: ['outage'],
      },
      {
        subjects: ['API returning 503 in {region}', 'All API calls fail with 503'],
        body: 'All API calls from our servers in {region} fail with "503 Service Unavailable". Our integrations have stopped.\n\n{first}',
        type: 'incident',
        tags: ['outage', 'api'],
      },
      {
        subjects: ['Dashboards blank for everyone', 'No data on any dashboard'],
        body: 'Dashboards show no data for everyone since this morning. Nothing changed on our side.\n\n{first}',
        type: 'problem',
      },
      {
        subjects: ['File uploads failing for all users', 'Uploads fail at 99%'],
        body: 'Uploads fail at 99% with "network error" for every user at {org}.\n\n{first}',
        type: 'incident',
      },
    ],
    answers: [
      {
        text: 'We had a short disruption in {region} between {time} and a few minutes ago; it is resolved now and everything should load again. Our incident report will be on the status page today.',
        code: 'answered',
        tags: ['outage'],
      },
      {
        text: 'This was caused by a faulty deployment that we have rolled back. Please reload the page; if anything still looks wrong, reply here and we will look at once.',
        code: 'bug_fixed',
        tags: ['outage', 'bug'],
      },
    ],
    questions: [
      'We are looking into it now. Could you send us the time of the first error and, if possible, a HAR file or the request ID shown on the error page?',
    ],
    customerInfo: ['First error at about {time}. Request ID: req_{last4}{seatsAdd}a9.', 'It started around {time}. HAR file attached.'],
    escalation: [
      'Multiple customers reporting errors; looks like a platform incident. Paging Tier 2 on call.',
      'Customer-wide outage for a single organization; Tier 2 needs to check their shard.',
    ],
    investigation: [
      'Confirmed: the database shard hosting this workspace failed over at {time}; connections were stuck afterwards.',
      'Load balancer in {region} returned 502 for 40 minutes after a certificate renewal; incident {incident} opened.',
    ],
    t2Answers: [
      {
        text: 'The shard hosting your workspace failed over and some connections stayed stuck. We restarted the affected services; everything is working again. We are sorry for the disruption.',
        code: 'bug_fixed',
        tags: ['outage'],
      },
      {
        text: 'Incident {incident} is resolved: a certificate renewal in {region} broke the load balancer for 40 minutes. The post-incident report will be published on our status page.',
        code: 'answered',
        tags: ['outage'],
      },
    ],
    hold: [
      'Incident {incident} is open and our engineering team is working on it. We will update this ticket and the status page every 30 minutes.',
    ],
  },

  performance: {
    openings: [
      {
        subjects: ['Reports very slow to load', 'The {report} report takes over a minute'],
        body: 'The {report} report takes over a minute to load now; it used to take a few seconds.\n\n{first}',
        type: 'problem',
      },
      {
        subjects: ['Search is slow and times out', 'Search takes 30 seconds'],
        body: 'Searching our workspace takes 20–30 seconds and sometimes times out. We have about {records} records.\n\n{first}',
        type: 'problem',
      },
      {
        subjects: ['Editor lags while typing', 'Typing delay in the editor'],
        body: 'Typing in the editor lags noticeably in {browser} on {os}. It started last week.\n\n{first}',
        type: 'incident',
      },
      {
        subjects: ['Export stuck in the queue', 'CSV export queued for hours'],
        body: 'A CSV export has been "queued" for two hours. Is something stuck?\n\n{first}',
        type: 'incident',
      },
      {
        subjects: ['Everything slow in the afternoon', 'Slow page loads every afternoon'],
        body: 'Between 2 and 5 pm our time everything gets slow. Mornings are fine. We are in {country}.\n\n{first}',
        type: 'problem',
      },
    ],
    answers: [
      {
        text: 'The report recalculates all historical data each time it opens. If you set the date range to the last 90 days (the filter at the top), it loads in a few seconds; you can save that as the default view.',
        code: 'configuration',
        tags: ['how-to'],
      },
      {
        text: 'An export worker was stuck; I restarted it and your export has completed. You should have the download email now.',
        code: 'answered',
      },
      {
        text: 'A browser extension was re-rendering the editor on every keystroke. Disabling grammar-checker extensions for our site fixes it; we are also making the editor more robust against this.',
        code: 'answered',
      },
    ],
    questions: [
      'Could you send us a screenshot of the browser developer tools (Network tab) while the page loads, and the workspace name?',
      'Does this happen for all users or only some? Which browser and version?',
    ],
    customerInfo: [
      'All users, mostly Chrome. Workspace {workspace}. Screenshot attached.',
      'Only people in our {country} office, on {browser}.',
    ],
    escalation: [
      'Slow queries for this workspace; needs Tier 2 to check query plans.',
      'Reproducible slowness that is not explained by the browser; handing over for profiling.',
    ],
    investigation: [
      'Query plan for the {report} report does a full scan; missing index for workspaces with more than 100k records.',
      'Profiling shows the search index for this workspace has not been compacted in months.',
    ],
    t2Answers: [
      {
        text: 'We rebuilt the search index for your workspace; searches now return in under a second. Thank you for the detailed report.',
        code: 'configuration',
      },
      {
        text: 'We added a database index that the {report} report was missing for large workspaces. It now loads in about two seconds.',
        code: 'bug_fixed',
        tags: ['bug'],
      },
    ],
    hold: techHold,
  },

  'integrations-api': {
    openings: [
      {
        subjects: ['{integration} sync stopped', '{integration} integration not syncing'],
        body: 'Our {integration} integration has not synced since {date}. Disconnecting and reconnecting did not help.\n\n{first}',
        type: 'incident',
        tags: ['api'],
      },
      {
        subjects: ['API rate limit: HTTP 429', 'Too many 429 errors from the API'],
        body: 'Our nightly job gets HTTP 429 after about 500 requests. What are the limits on the {plan} plan, and can they be raised?\n\n{first}',
        type: 'question',
        tags: ['api'],
      },
      {
        subjects: ['Webhook deliveries failing', 'Webhooks marked as failed'],
        body: 'Webhooks to our endpoint show "failed" in the delivery log, but our endpoint is up and answers 200.\n\n{first}',
        type: 'incident',
        tags: ['api'],
      },
      {
        subjects: ['OAuth refresh fails with invalid_grant', 'Access token refresh failing'],
        body: 'Access tokens for our {integration} app expire after an hour and the refresh fails with invalid_grant.\n\n{first}',
        type: 'incident',
        tags: ['api'],
      },
      {
        subjects: ['How do I create an API key?', 'API key for a service account'],
        body: 'Where do I create an API key for a service account? The docs mention a settings page I cannot find.\n\n{first}',
        type: 'question',
        tags: ['api'],
      },
    ],
    answers: [
      {
        text: "API keys are under Settings → Developer → API keys (only workspace admins see that page). Create the key while signed in as the service account; it gets exactly that account's permissions.",
        code: 'answered',
        tags: ['how-to'],
      },
      {
        text: 'The {plan} plan allows 600 requests per minute. Your job sends them in bursts; if you respect the Retry-After header, or use the bulk endpoint, it will finish without 429s.',
        code: 'answered',
        tags: ['how-to'],
      },
      {
        text: 'The {integration} connection was authorised by a user who has since been deactivated. Reconnect it under Settings → Integrations while signed in as an active admin and the sync resumes.',
        code: 'configuration',
      },
      {
        text: 'Raising the limit beyond the plan maximum is not possible today; I have logged your use case with our API team as a feature request.',
        code: 'feature_request',
        tags: ['feature-request'],
      },
    ],
    questions: [
      'Could you send the request ID of one failed call (the X-Request-Id response header) and the time it happened?',
      'Which account authorised the {integration} connection, and is it still active?',
    ],
    customerInfo: ['Request ID req_{last4}7c, at {time}.', 'It was authorised by our former admin, who left last month.'],
    escalation: [
      'Webhook deliveries fail although the endpoint returns 200; needs Tier 2 to look at the delivery worker logs.',
      '{integration} sync errors in the logs that I cannot interpret; handing to Tier 2.',
    ],
    investigation: [
      'Delivery worker times out after 5 s; customer endpoint answers in 6–8 s, so every delivery is marked failed.',
      '{integration} API changed a field type on {date}; our connector fails to parse the response.',
    ],
    t2Answers: [
      {
        text: 'Your endpoint answers after 6–8 seconds while we wait 5. Please acknowledge webhooks immediately and process them in the background; I have re-sent the failed deliveries.',
        code: 'configuration',
      },
      {
        text: '{integration} changed their API on {date} and our connector could not read the new response. We have released a fix and the sync has caught up.',
        code: 'bug_fixed',
        tags: ['bug'],
      },
    ],
    hold: techHold,
  },

  'data-export': {
    openings: [
      {
        subjects: ['Export all our data', 'Full data export for an audit'],
        body: 'We need a full export of our workspace data for an audit. Is there a way to export everything at once?\n\n{first}',
        type: 'task',
      },
      {
        subjects: ['Export file is empty', 'CSV export only has headers'],
        body: 'The export finishes, but the downloaded file only has the header row and no data.\n\n{first}',
        type: 'incident',
      },
      {
        subjects: ['Scheduled export to S3?', 'Daily export to our bucket'],
        body: 'Can exports be scheduled to land in our S3 bucket every day?\n\n{first}',
        type: 'question',
      },
      {
        subjects: ['Export is missing custom fields', 'Custom fields not in CSV'],
        body: 'Custom fields are not included in the CSV export. We need them for our reporting.\n\n{first}',
        type: 'question',
      },
      {
        subjects: ['Special characters garbled in export', 'Accents broken in CSV'],
        body: 'Names with umlauts and accents show up as garbage characters when we open the exported CSV in Excel.\n\n{first}',
        type: 'incident',
      },
    ],
    answers: [
      {
        text: 'Admins can request a full export under Settings → Data → Export workspace. You will get an email with a download link (valid 7 days) when it is ready.',
        code: 'answered',
        tags: ['how-to'],
      },
      {
        text: 'The file is UTF-8. Excel needs it imported via Data → From Text/CSV with "UTF-8" selected; then the accents display correctly.',
        code: 'answered',
        tags: ['how-to'],
      },
      {
        text: 'Custom fields are included when you tick "Include custom fields" in the export dialog (it is under "Advanced").',
        code: 'configuration',
        tags: ['how-to'],
      },
      {
        text: 'Scheduled exports to S3 are not available yet. I have added your request to the feature request; in the meantime, the API can fetch the same data nightly.',
        code: 'feature_request',
        tags: ['feature-request'],
      },
    ],
    questions: ['Which filters did you use for the export, and roughly how many records should it contain?'],
    customerInfo: ['No filters, all records from {date} onwards. About {records}.'],
    escalation: ['Export returns an empty file for a filter that should match records; looks like a bug.'],
    investigation: [
      'Export applies the date filter in UTC while the UI shows the workspace time zone; filters on a single day return nothing.',
    ],
    t2Answers: [
      {
        text: 'The export applied your date filter in the wrong time zone, which made single-day exports come back empty. We fixed this; please run the export again.',
        code: 'bug_fixed',
        tags: ['bug'],
      },
    ],
    hold: techHold,
  },

  crash: {
    openings: [
      {
        subjects: ['App crashes on launch after update', 'Mobile app closes immediately since {appVersion}'],
        body: 'Since updating to {appVersion}, the app closes immediately on my {device} ({os}).\n\n{first}',
        type: 'incident',
      },
      {
        subjects: ['Crash when attaching a photo', 'App crashes on photo upload'],
        body: 'The app crashes every time I try to attach a photo from the gallery. {device}, {os}.\n\n{first}',
        type: 'incident',
      },
      {
        subjects: ['App freezes on the login screen', 'Mobile app stuck at login'],
        body: 'The app freezes on the login screen after I enter my password. I have to force-close it. {device}, app {appVersion}.\n\n{first}',
        type: 'incident',
      },
      {
        subjects: ['Crash when switching workspaces', 'App closes when I change workspace'],
        body: 'Whenever I switch from our {org} workspace to my personal one, the app crashes.\n\n{first}',
        type: 'incident',
      },
      {
        subjects: ['App crashes in offline mode', 'Crash without network'],
        body: 'On the train (no signal) the app crashes as soon as I open a record. {device}, {os}.\n\n{first}',
        type: 'incident',
      },
    ],
    answers: [
      {
        text: 'This is a known problem in {appVersion} on {os} and is fixed in {fixVersion}, which is in the store now. Please update and the crash should be gone.',
        code: 'bug_fixed',
        tags: ['bug'],
      },
      {
        text: 'Clearing the app cache fixes this: Settings → Apps → Nimbus → Storage → Clear cache (your data stays on the server). Then sign in again.',
        code: 'answered',
        tags: ['how-to'],
      },
    ],
    questions: [
      'Sorry about that! Could you tell us your exact app version (Settings → About) and send the crash report if your phone offers to?',
      'Does it also happen after restarting the phone? Which OS version are you on?',
    ],
    customerInfo: ['App version {appVersion}, {os}. I sent the crash report just now.', 'Yes, also after a restart. {device} with {os}.'],
    escalation: [
      'Reproducible crash on {os}; crash logs attached, needs Tier 2.',
      'Crash report points to our image picker; handing over to Tier 2 for a closer look.',
    ],
    investigation: [
      'Crash is a null pointer in the image picker on {os} when the photo has no EXIF date.',
      'Reproduced on a test device: offline cache migration fails for records with attachments.',
    ],
    t2Answers: [
      {
        text: 'Thanks to your crash report we found the cause. The fix is in {fixVersion}, available in the store now.',
        code: 'bug_fixed',
        tags: ['bug'],
      },
    ],
    hold: techHold,
  },

  notifications: {
    openings: [
      {
        subjects: ['Not receiving push notifications', 'No push notifications on my phone'],
        body: 'I stopped receiving push notifications on my {device}. They are enabled in the app and in the phone settings.\n\n{first}',
        type: 'incident',
      },
      {
        subjects: ['Notifications arrive hours late', 'Delayed notifications'],
        body: 'Notifications arrive two or three hours after the event. Colleagues on other phones get them on time.\n\n{first}',
        type: 'incident',
      },
      {
        subjects: ["Can't turn off email notifications", 'Too many notifications'],
        body: 'I get an email for every single comment. How do I turn that off but keep mentions?\n\n{first}',
        type: 'question',
      },
      {
        subjects: ['Notification opens the wrong screen', 'Tapping a notification goes to the home screen'],
        body: 'Tapping a notification opens the home screen instead of the record it is about. {device}, {appVersion}.\n\n{first}',
        type: 'incident',
      },
      {
        subjects: ['Duplicate notifications', 'Every notification arrives twice'],
        body: 'Every notification arrives twice on my phone since last week.\n\n{first}',
        type: 'incident',
      },
    ],
    answers: [
      {
        text: 'Under Profile → Notifications you can set email to "Mentions and assignments only"; push stays as it is.',
        code: 'configuration',
        tags: ['how-to'],
      },
      {
        text: 'Battery optimisation on {os} was delaying our notifications. Please set Nimbus to "Unrestricted" under Settings → Battery; they will arrive on time again.',
        code: 'configuration',
        tags: ['how-to'],
      },
      {
        text: 'You were signed in on two devices with the same device token after restoring a backup. I have cleared the old registration; you will now receive each notification once.',
        code: 'answered',
      },
    ],
    questions: [
      'Could you check whether you are signed in on more than one device, and send your app version?',
      'Is battery saving or "Do not disturb" enabled on your phone?',
    ],
    customerInfo: ['Only one device, app {appVersion}.', 'Battery saving is on, yes. {device}.'],
    escalation: ['Push notifications not delivered although the device is registered; needs Tier 2 to check the push provider logs.'],
    investigation: ['Push provider rejects the device token as expired; token refresh is not triggered after an OS update.'],
    t2Answers: [
      {
        text: 'The app did not renew its notification token after your OS update. Signing out and in again fixes it now, and {fixVersion} renews it automatically.',
        code: 'bug_fixed',
        tags: ['bug'],
      },
    ],
    hold: techHold,
  },

  sync: {
    openings: [
      {
        subjects: ['Changes on phone not showing on desktop', 'Mobile edits not syncing'],
        body: 'Changes I make on my phone do not show up on the desktop, even after an hour.\n\n{first}',
        type: 'incident',
      },
      {
        subjects: ['Data lost after sync conflict', 'Sync conflict overwrote my changes'],
        body: 'I edited a record on the laptop and on the phone, and after syncing my laptop changes are gone. Can they be restored?\n\n{first}',
        type: 'incident',
      },
      {
        subjects: ['Sync stuck at "updating…"', 'App shows updating forever'],
        body: 'The app has shown "updating…" since yesterday. {device}, {appVersion}.\n\n{first}',
        type: 'incident',
      },
      {
        subjects: ['Offline edits disappeared', 'Lost changes made offline'],
        body: 'I worked offline on a flight and when I reconnected my edits were gone.\n\n{first}',
        type: 'incident',
      },
      {
        subjects: ['Attachments not syncing to the app', "Can't see attachments on mobile"],
        body: 'Files attached on the desktop do not appear in the mobile app.\n\n{first}',
        type: 'incident',
      },
    ],
    answers: [
      {
        text: 'The previous version of the record is in its history (⋯ → History). I restored your laptop changes from there; you can do the same in future.',
        code: 'answered',
        tags: ['how-to'],
      },
      {
        text: 'Attachments larger than 25 MB only download on Wi-Fi by default. You can change that under Settings → Data usage.',
        code: 'configuration',
        tags: ['how-to'],
      },
      {
        text: 'Your app had a stuck sync queue. Pull down to refresh twice, or sign out and in; the pending changes are now on the server.',
        code: 'answered',
      },
    ],
    questions: ['Could you tell us the name of one record that did not sync and roughly when you edited it?'],
    customerInfo: ['It was the record "Q{seatsAdd} plan", edited around {time}.'],
    escalation: [
      'Offline edits lost for this user; sync log shows rejected batches. Needs Tier 2.',
      'Sync queue stuck for this device; cannot clear it from the admin tools.',
    ],
    investigation: [
      'Sync batches rejected because the device clock was 10 minutes behind; conflict resolution chose the server copy.',
      'Sync queue contains a record deleted on the server; the app retries it forever.',
    ],
    t2Answers: [
      {
        text: "Your phone's clock was behind, so the server treated your offline edits as older. I recovered them from the rejected batch and applied them.",
        code: 'answered',
      },
    ],
    hold: techHold,
  },

  cancellation: {
    openings: [
      {
        subjects: ['Cancel our subscription', 'Please cancel our account'],
        body: 'Hello,\n\nwe have decided to stop using Nimbus. Please cancel our subscription at the end of the term ({renewal}).\n\n{first}',
        type: 'task',
        tags: ['churn-risk'],
      },
      {
        subjects: ['How do I close my account?', 'Delete my account'],
        body: 'How do I close my account? I cannot find the option anywhere.\n\n{first}',
        type: 'question',
      },
      {
        subjects: ['Cancel auto-renewal', 'Turn off automatic renewal'],
        body: 'Please turn off automatic renewal for our {plan} plan. We will decide before {renewal} whether to continue.\n\n{first}',
        type: 'task',
        tags: ['churn-risk'],
      },
      {
        subjects: ['Moving to another tool: exporting before we cancel', 'Cancelling: need our data first'],
        body: 'We are moving to another tool. Before we cancel, we need all our data exported. What is the process?\n\n{first}',
        type: 'task',
        tags: ['churn-risk'],
      },
      {
        subjects: ['Too expensive for us now', 'Cancel or downgrade?'],
        body: 'Our budget was cut and the {plan} plan is too expensive for us now. Is there anything cheaper, or should we cancel?\n\n{first}',
        type: 'question',
        tags: ['churn-risk'],
      },
    ],
    answers: [
      {
        text: 'I have turned off automatic renewal. Your subscription stays active until {renewal}, and you can turn renewal back on at any time under Settings → Billing.',
        code: 'configuration',
      },
      {
        text: 'Workspace owners can close the account under Settings → Workspace → Close workspace. Before you do, you can export your data under Settings → Data → Export.',
        code: 'answered',
        tags: ['how-to'],
      },
      {
        text: 'I have scheduled the cancellation for {renewal}. Your data stays available for 30 days after that in case you change your mind.',
        code: 'configuration',
      },
      {
        text: 'Before you cancel: the {otherPlan} plan covers everything you use today at about half the price. I have sent you a comparison; happy to switch you over.',
        code: 'answered',
      },
    ],
    questions: [
      'Sorry to see you go. Could you tell us what made you decide to leave? It helps us improve.',
      'Could you confirm that you are the workspace owner for {workspace}?',
    ],
    customerInfo: ['Mostly price, and we need a feature for our field teams that you do not have.', 'Yes, I am the owner.'],
    escalation: [
      'Enterprise contract cancellation; needs Accounts and the TAM.',
      'Customer wants to cancel mid-contract; terms need checking by Accounts.',
    ],
    investigation: ['Contract runs until {renewal} with 60 days notice; notice given in time.'],
    t2Answers: [
      {
        text: 'I have checked your contract: notice was given in time, so the subscription ends on {renewal} and will not renew. Your account manager will contact you about the data export.',
        code: 'configuration',
      },
    ],
    hold: ['I have passed this to your account manager, who will contact you this week to go through the contract terms.'],
  },

  security: {
    openings: [
      {
        subjects: ['Suspicious login from an unknown location', 'Login alert from {country2}'],
        body: 'I received a login alert from {country2}. That was not me. What should I do?\n\n{first}',
        type: 'incident',
        tags: ['security'],
      },
      {
        subjects: ['Request for your SOC 2 report', 'Security documentation request'],
        body: 'Our security team needs your latest SOC 2 Type II report and pen-test summary for our vendor review.\n\n{first}',
        type: 'task',
        tags: ['security'],
      },
      {
        subjects: ["Remove a former employee's access", 'Revoke access for someone who left'],
        body: 'A colleague left {org} yesterday. Please make sure they can no longer access our workspace; their admin account is still active.\n\n{first}',
        type: 'task',
        tags: ['security'],
      },
      {
        subjects: ['Enforce two-factor authentication for everyone', 'Require 2FA for all users'],
        body: 'Can we require two-factor authentication for every user in our workspace?\n\n{first}',
        type: 'question',
        tags: ['security'],
      },
      {
        subjects: ['Phishing email pretending to be Nimbus', 'Fake Nimbus invoice email'],
        body: 'Several of us received an email that looks like a Nimbus invoice with a link to a fake login page. Is this from you?\n\n{first}',
        type: 'incident',
        tags: ['security'],
      },
    ],
    answers: [
      {
        text: 'Admins can enforce two-factor authentication under Settings → Security → Require 2FA. Users without it will be asked to set it up at their next sign-in.',
        code: 'configuration',
        tags: ['how-to'],
      },
      {
        text: 'I have signed out all sessions on your account and reset your password. Please set a new password and turn on two-factor authentication. The login came from a known credential-stuffing range and was blocked after the first step.',
        code: 'answered',
      },
      {
        text: 'Our SOC 2 Type II report and the pen-test summary are in the Trust Center; I have granted your security team access under NDA.',
        code: 'answered',
      },
    ],
    questions: [
      'To act on the account, we need to verify you are a workspace admin. Could you reply from the admin email address or confirm the last four digits of the card on file?',
    ],
    customerInfo: ['Confirmed, the card ends in {last4}.', 'Replying from the admin address now.'],
    escalation: [
      'Possible account compromise; needs Accounts to review the audit log.',
      'Security-sensitive request; routing to Accounts.',
    ],
    investigation: [
      'Audit log: one successful login from an unfamiliar IP, no data access afterwards; sessions revoked.',
      'Former employee still had an active API token; revoked.',
    ],
    t2Answers: [
      {
        text: "I reviewed the audit log: the former employee's account and their API token are now revoked, and no access happened after their last day.",
        code: 'configuration',
      },
      {
        text: 'The email is phishing and not from us. We have reported the domain for takedown. Nimbus invoices only ever link to app.nimbus.example.',
        code: 'answered',
      },
    ],
    hold: ['Our security team is reviewing the activity on your account and will report back within one business day.'],
  },

  'gdpr-request': {
    openings: [
      {
        subjects: ['Data deletion request (GDPR Art. 17)', 'Please delete my personal data'],
        body: 'Under Article 17 GDPR I ask you to delete all personal data you hold about me.\n\n{first}',
        type: 'task',
        tags: ['gdpr'],
      },
      {
        subjects: ['Request for a copy of my personal data', 'Subject access request'],
        body: 'Please send me a copy of all personal data you store about me (Article 15 GDPR).\n\n{first}',
        type: 'task',
        tags: ['gdpr'],
      },
      {
        subjects: ['Need a signed DPA', 'Data processing agreement'],
        body: 'Our legal team needs a signed data processing agreement before we roll Nimbus out further at {org}.\n\n{first}',
        type: 'task',
        tags: ['gdpr'],
      },
      {
        subjects: ['Where is our data stored?', 'Data residency question'],
        body: 'In which region is our data stored, and can we move it to the EU?\n\n{first}',
        type: 'question',
        tags: ['gdpr'],
      },
      {
        subjects: ['Correct my personal data', 'Right to rectification'],
        body: 'My name is misspelled in your records and on our invoices. Please correct it.\n\n{first}',
        type: 'task',
        tags: ['gdpr'],
      },
    ],
    answers: [
      {
        text: 'Your workspace data is stored in our EU region (Frankfurt) with backups in Dublin. Details are in our sub-processor list.',
        code: 'answered',
      },
      { text: 'I have corrected your name in our records; new invoices will show it correctly.', code: 'configuration' },
      {
        text: 'Our DPA is pre-signed and available under Settings → Legal. I have sent you the PDF with the current list of sub-processors.',
        code: 'answered',
      },
    ],
    questions: ['To protect your data, we need to confirm your identity first. Could you reply from the email address registered with us?'],
    customerInfo: ['I am writing from my registered address now.', 'Confirmed, this is my registered address.'],
    escalation: ['Formal GDPR request; Accounts handles these within the statutory deadline.'],
    investigation: ['Identity verified; data found in the workspace, billing system and support history.'],
    t2Answers: [
      {
        text: 'We have deleted your personal data from our systems, except invoices we must keep for tax law, which are restricted. This completes your request.',
        code: 'answered',
      },
      { text: 'Attached is the export of the personal data we hold about you, as requested under Article 15 GDPR.', code: 'answered' },
    ],
    hold: ['We are compiling your data from all our systems. We will complete your request within the statutory one month.'],
  },
};

/** Tier 3: what the engineers found and what they tell the customer once it is fixed. */
export const rootCauses = [
  'Root cause: a race condition in the {product} job queue under load; fix in review as {bug}, ships with the next release.',
  'Root cause found: a migration on {date} left an index invalid for large workspaces. Rebuilding it and adding a check ({bug}).',
  'Reproduced in staging. A third-party library update changed its timeout defaults; pinning and patching in {bug}.',
  'Root cause: cache invalidation misses updates made within the same second on the {product} side. Patch {bug} is being tested.',
];

export const fixedReplies = [
  'Good news: the fix for this problem was released today. Everything should work as expected now; thank you for your patience and for the details you sent.',
  'Our engineers released a fix for the issue you reported. Please let us know if you still see anything unusual.',
];

export const escalateToT3 = [
  'Reproducible, not a configuration issue; needs an engineering fix. Escalating to Tier 3 with repro steps.',
  'Beyond what we can fix in support tooling; code change required. Handing to Tier 3 Engineering.',
];

export const pickupNotes = ['Picking this up.', 'Taking this one; reading the history now.', 'Mine. Starting with the logs.'];

export const handoffReplies = [
  'Thanks for the details. I have passed this to our technical specialists, who will take it from here; you do not need to repeat anything.',
  'I have escalated this to our second-line team with everything you sent. They will be in touch shortly.',
];

export const acknowledgements = [
  'Thanks for reporting this. I am looking into it now and will get back to you shortly.',
  'Thanks, got it. Checking this for you now.',
];

export const reminders = [
  'Just checking in: do you still need help with this? If we do not hear back, we will close the ticket in a few days; a reply reopens it.',
  'Following up on my earlier message. Could you send the details when you have a moment?',
];

export const noResponseClosings = [
  'As we have not heard back, I am closing this ticket for now. Simply reply if you still need help and we will pick it up again.',
];

export const reopenMessages = [
  'Unfortunately this is happening again since this morning.',
  'Sorry, I have to reopen this: it worked for a day, but now the same problem is back.',
  'One more thing on this: it still does not work for two of my colleagues.',
];

export const reopenAnswers: Answer[] = [
  {
    text: "Thanks for letting us know. Some settings were cached on your colleagues' devices; I cleared them on our side and it now works for everyone in the workspace.",
    code: 'configuration',
  },
  {
    text: 'I have checked again and applied the fix to the rest of your workspace as well. It should be fine for everyone now.',
    code: 'answered',
  },
];

export const chaserMessages = [
  'Any update on this?',
  'Is there any news? This is still blocking us.',
  'Hi, just following up on this one.',
];

export const holdUpdates = [
  'No news yet, the fix is still in progress. I will update you as soon as it ships.',
  'Still being worked on. Thanks for your patience; I will keep you posted.',
];

export const duplicateOpenings = [
  'I wrote about this earlier but have not heard back. {short}',
  'Sending this again in case my first message did not arrive: {short}',
  'Following up on my earlier request. {short}',
];

export const vipNotes = [
  'Heads-up: {org} is one of our {tier} accounts and I am their TAM. Please keep me in the loop and update them at least daily.',
  'FYI {org} renews on {renewal}; this ticket matters for the renewal. Ping me before closing.',
];

export const incidentNotes = [
  'Incident {incident} declared; status page updated. {agentFirst}, please link customer reports to it and post updates every 30 minutes.',
  'Major incident bridge open for {incident}. Keep the customer updated; I will handle the executive communication.',
];

export const routingNotes: Record<string, string[]> = {
  accounts: [
    'Security-sensitive / account-level request: routing straight to Accounts.',
    'Account-level request; Accounts handles these. Routing.',
  ],
  tier2: [
    'P1: possible outage, routing straight to Tier 2 on call.',
    'System-down report; paging Tier 2 and assigning to the on-call engineer.',
  ],
};

export const generalNotes = [
  'Checked the logs for {workspace}: nothing unusual on our side before {time}.',
  'Customer is on the {plan} plan, {seats} seats. No open incidents for their region.',
  'Similar report from another customer last week; see the tag search for the same category.',
  'Called the customer back; no answer, left a voicemail.',
  'Verified identity via the billing contact on file.',
];

export const voiceNotes = [
  'Call summary: {minutes} min call. Customer explained the issue; verified identity with the billing contact on file.',
  'Phone call, {minutes} min. Walked the customer through the settings while on the line.',
];

export const chatReplies = ['Let me check that for you, one moment please.', 'Thanks! Looking at your workspace now.'];
export const chatCustomer = ['ok, thanks', 'sure, one sec', 'yes that is right'];

/** Subject and body placeholders; throws on an unknown one so that typos fail the tests. */
export function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{([a-zA-Z0-9]+)\}/g, (_, key: string) => {
    const value = vars[key];
    if (value === undefined) throw new Error(`demo text: no value for {${key}} in "${template.slice(0, 60)}"`);
    return value;
  });
}
