/**
 * Demo articles, one block each: `=== section | title | tags [| internal|draft]` then Markdown.
 * Written for the demo product (a team workspace sold per seat on Free, Team, Business and
 * Enterprise plans, with a web app, a mobile app and an API).
 */
export const billingArticles = `
=== invoices | Download an invoice as PDF | invoices, pdf, download
Every invoice is kept in your workspace for as long as the workspace exists.

1. Open **Settings → Billing → Invoices**.
2. Find the invoice by its number or date.
3. Choose **Download PDF**.

Only billing owners and admins see the Invoices page. If the download button spins without a file appearing, allow pop-ups for our domain or try another browser; the PDF is generated when you ask for it and can take up to 20 seconds for invoices with many lines.

=== invoices | Add your VAT ID or company number to invoices | invoices, vat, tax
Invoices show the tax details saved in your billing profile.

1. Go to **Settings → Billing → Billing profile**.
2. Enter your **VAT ID** (with its country prefix, e.g. DE123456789) and your company's legal name.
3. Save. We check EU VAT IDs against VIES; a valid ID removes VAT for reverse-charge customers.

New invoices carry the ID at once. To have an earlier invoice reissued with it, send us a request naming the invoice number.

=== invoices | Change the billing address on invoices | invoices, address, billing profile
The address printed on invoices comes from your billing profile.

1. Open **Settings → Billing → Billing profile**.
2. Edit **Billing address** and save.

Future invoices use the new address. Invoices already issued are legal documents and are not edited; we can issue a corrected copy for invoices from the last 12 months. Ask for it in a request with the invoice numbers.

=== invoices | Why is there an extra line on my invoice? | invoices, fee, charge, add-ons, storage
Most unexpected lines are one of these:

- **Storage add-on**: charged when your workspace passes the storage included in your plan. See **Settings → Billing → Add-ons** for usage and a spending cap.
- **Seats added mid-cycle**: new seats are charged pro rata for the rest of the billing period.
- **Taxes**: VAT or sales tax based on your billing address.

Each line on the invoice names the period it covers. If a line still makes no sense, reply to the invoice email and we will explain it.

=== invoices | Understand pro-rated charges | invoices, proration, seats, charge
When you add seats or upgrade in the middle of a billing period, you pay only for the days left.

**Example:** on a monthly Team plan renewing on the 1st, adding a seat on the 21st costs about a third of a month for that seat. The charge appears as its own line on the next invoice, marked "prorated".

Removing seats mid-cycle gives a credit for the unused days, applied to your next invoice.

=== invoices | Get invoices sent to your accounts team | invoices, email, finance
Invoices go to the billing owner by default. To send copies to your finance team:

1. Open **Settings → Billing → Billing profile**.
2. Add addresses under **Invoice recipients** (up to five).

Every recipient receives each new invoice as a PDF attachment. Recipients do not need an account in the workspace.

=== invoices | Invoice shows the wrong amount | invoices, amount, wrong, overcharged
If an invoice total looks wrong, check these first:

- The number of **seats billed** (Settings → Billing → Seats) — deactivated users still hold a seat until you remove it.
- **Add-ons** that started during the period.
- **Currency**: invoices are in the currency chosen when the subscription started.

If the total is still wrong, send us a request with the invoice number and what you expected; we correct billing errors with a credit note.

=== invoices | Request a credit note | invoices, credit note, correction
A credit note cancels all or part of an invoice, for example after a billing error or a refund.

We issue credit notes on request: tell us the invoice number, the amount and the reason. The credit note appears next to the invoice under **Settings → Billing → Invoices** and, if the invoice was paid, the amount is refunded or credited to your next invoice, as you prefer.

=== invoices | Invoice currency and exchange rates | invoices, currency, exchange
Subscriptions are billed in EUR, USD or GBP, chosen when the subscription starts. The currency cannot be changed on a running subscription.

If your bank charges you in another currency, the exchange rate and any conversion fee are your bank's, not ours. To move to another currency, cancel at the end of the term and start a new subscription in that currency.

=== refunds | Request a refund for a duplicate charge | refunds, duplicate, charged twice, double charge
If the same payment appears twice on your statement:

1. Open **Settings → Billing → Payments** and check whether both payments are listed.
2. If only one is listed, the second is usually a **pending authorisation** that your bank drops within 3–5 business days. No action is needed.
3. If both are listed as paid, choose **Request refund** on the duplicate.

Duplicate payments are refunded in full. The money reaches your card in 5–10 business days.

=== refunds | How long does a refund take? | refunds, time, waiting, not received
Once we issue a refund, it leaves us the same day. How long it takes to appear depends on your bank:

- **Cards:** 5–10 business days.
- **SEPA direct debit:** 3–5 business days.
- **Bank transfer:** 2–5 business days.

The refund shows under **Settings → Billing → Payments** with a reference number. If it has not arrived after 10 business days, give that reference to your bank; they can trace it.

=== refunds | Refunds when you remove seats | refunds, seats, proration, credit
Removing seats in the middle of a billing period gives a **credit** for the unused days of each removed seat. The credit is applied automatically to your next invoice.

If you prefer the money back instead of a credit (for example because you are closing the workspace), send us a request and we will refund the credit to your payment method.

=== refunds | Refund after cancelling a trial | refunds, trial, cancel, charged
Trials never charge your card while they run. If you were charged after a trial, the trial had already ended and converted to a paid plan.

If you cancelled **before** the trial ended and were still charged, we refund the charge in full: send us a request with the date you cancelled. If you forgot to cancel, we refund the first charge once when the workspace has not been used since the trial ended.

=== refunds | Refund for an annual plan | refunds, annual, yearly, cancel
Annual plans are paid up front and are not refundable after the first 30 days.

- **Within 30 days** of the start or renewal: full refund on request.
- **After 30 days**: you keep the plan until the end of the term; cancel any time so it does not renew.

Switching from annual to monthly takes effect at the renewal date.

=== refunds | Where is my refund? | refunds, missing, status, not received, money back
Check the status under **Settings → Billing → Payments**: a refund shows as *Refunded* with a reference number and date.

- **Refunded less than 10 business days ago:** your bank is still processing it.
- **Refunded more than 10 business days ago:** give the reference number to your bank so they can trace it.
- **No refund shown:** the refund has not been issued. Reply to your request or send us a new one.

=== refunds | Our refund policy | refunds, policy, money back
We want you to pay only for what you use.

- Monthly plans: cancel any time; no refunds for the current month except for billing errors.
- Annual plans: full refund within 30 days.
- Billing errors and duplicate payments: always refunded in full.
- Seats removed mid-cycle: credited pro rata.

Refunds go back to the payment method that was charged.

=== refunds | Chargebacks and disputed payments | refunds, chargeback, dispute, bank
If you dispute a payment with your bank (a chargeback), the bank takes the money back and we are charged a dispute fee. While a dispute is open, the workspace may be restricted.

Please contact us before disputing a charge: most billing problems are solved within a day and refunded directly, which is faster than a dispute.

=== payments | Update your payment card | payments, card, credit card, update
1. Open **Settings → Billing → Payment method**.
2. Choose **Replace card** and enter the new card details.
3. Confirm any bank verification (3-D Secure) that appears.

The new card is used for the next charge. If a payment has failed recently, we retry it on the new card within an hour.

=== payments | Why was my card declined? | payments, declined, card, failed, rejected
Common reasons a card payment is declined:

- **Insufficient funds or a spending limit** on company cards.
- **Bank verification (3-D Secure)** not completed.
- The card has **expired** or was replaced.
- Your bank blocked an **international** or **online** payment.

Try again after checking with your bank, or add another card under **Settings → Billing → Payment method**. Declines are decided by your bank; we cannot see the exact reason.

=== payments | What happens when a payment fails | payments, failed, suspended, overdue
When a renewal payment fails:

1. We email the billing owner and retry after 1, 3 and 5 days.
2. After 7 days without payment, the workspace becomes **read-only**.
3. After 30 days it is **suspended**; data is kept for 60 more days.

Updating the payment method triggers a retry within an hour and lifts any restriction as soon as the payment succeeds.

=== payments | Bank verification (3-D Secure) fails | payments, 3-d secure, authentication, bank verification
Some banks require you to confirm online payments in their app or by SMS (3-D Secure).

If the verification window flashes and disappears, or the payment fails with "authentication required":

- Allow pop-ups and third-party cookies for the payment page, or try another browser.
- Make sure your banking app is up to date and notifications are on.
- Ask your bank whether online payments are enabled for the card.

=== payments | Pay by bank transfer | payments, bank transfer, wire, invoice payment
Business and Enterprise plans can pay by bank transfer against an invoice.

To switch, send us a request from a billing owner. We change the payment method to **invoice**; each invoice then shows our bank details and is due within 30 days. Include the invoice number as the payment reference so we can match your transfer.

=== payments | Set up SEPA direct debit | payments, sepa, direct debit, mandate
For EUR subscriptions you can pay by SEPA direct debit:

1. Open **Settings → Billing → Payment method**.
2. Choose **SEPA direct debit**, enter the account holder and IBAN, and accept the mandate.

The first debit happens at the next invoice. If a debit is rejected, check that the account holder name matches the bank account exactly and that your bank allows direct debits from us.

=== payments | Accepted payment methods | payments, methods, card, paypal
We accept:

- Visa, Mastercard and American Express cards;
- SEPA direct debit (EUR only);
- bank transfer against invoice (Business and Enterprise plans).

We do not accept cheques or cryptocurrency. Prepaid cards may be declined for recurring payments.

=== plans | Upgrade your plan | plans, upgrade, pricing, subscription
1. Open **Settings → Billing → Plan**.
2. Choose the plan you want and confirm.

The upgrade takes effect immediately. You pay the difference for the rest of the current billing period (pro rata) on your next invoice, and the new price from the next renewal. Features of the new plan are available at once.

=== plans | Downgrade your plan | plans, downgrade, cheaper, subscription
Downgrades take effect at the **end of the current billing period**, so you keep what you paid for.

1. Open **Settings → Billing → Plan**.
2. Choose the lower plan and confirm.

Before the change, we list the features you will lose (for example SSO or audit logs on Business). Data created with those features is kept but becomes read-only.

=== plans | Add or remove seats | plans, seats, users, licences
Each active member uses one seat.

- **Add seats:** Settings → Billing → Seats → **Add seats**. Charged pro rata.
- **Remove seats:** first deactivate or remove members, then reduce the seat count. Unused days are credited.

You cannot have fewer seats than active members; invitations wait until a seat is free.

=== plans | Compare plans | plans, pricing, features, free, team, business, enterprise
- **Free:** up to 3 members, 2 GB storage, community support.
- **Team:** unlimited members, 100 GB storage, email support, integrations.
- **Business:** everything in Team plus SSO, audit log, data retention controls and priority support.
- **Enterprise:** everything in Business plus a dedicated account manager, custom contracts, invoicing and an uptime SLA.

Prices are per seat per month; annual billing saves two months.

=== plans | Switch between monthly and annual billing | plans, annual, monthly, billing cycle
You can change the billing cycle under **Settings → Billing → Plan → Billing cycle**.

- **Monthly → annual:** takes effect immediately; the unused part of the month is credited.
- **Annual → monthly:** takes effect at the end of the annual term.

=== plans | Storage add-on and spending cap | plans, storage, add-ons, limit, cap
When your workspace uses more storage than the plan includes, the storage add-on is charged per started 10 GB.

Set a **spending cap** under **Settings → Billing → Add-ons**. When the cap is reached, uploads are paused until you raise the cap or free space; nothing is deleted.

=== plans | Non-profit and education discounts | plans, discount, non-profit, education
Registered non-profits and accredited schools get 50% off Team and Business plans.

Send us a request from the workspace's billing owner with proof of status (registration certificate or accreditation). The discount applies from the next invoice.

=== plans | Free plan limits | plans, free, limits
The Free plan includes up to 3 members, 2 GB of storage, 30 days of history in search and community support.

When you reach a limit, you can keep working with what you have; new members or uploads need an upgrade.

=== sign-in | Reset your password | password, reset, forgot, sign in
1. On the sign-in page choose **Forgot password?**
2. Enter your email address.
3. Open the email we send and choose **Set a new password**. The link works for 30 minutes.

If no email arrives within 5 minutes, check spam and quarantine folders, and make sure you used the address of your account. Workspaces that sign in with SSO reset passwords at their identity provider, not with us.

=== sign-in | Password reset email not arriving | password, reset, email, not received, spam
If the reset email does not arrive:

- Check **spam, junk and quarantine** folders; corporate filters often hold automated mail.
- Ask your IT team to allow mail from our sending domain.
- Make sure you typed the email address of your account; we do not say whether an address has an account.
- Wait 5 minutes between attempts; each new request invalidates the previous link.

If your workspace uses SSO, there is no password to reset: sign in with your company account.

=== sign-in | Your account is locked | locked, sign in, too many attempts, blocked
After 10 failed sign-in attempts in 15 minutes, the account is locked for 30 minutes to protect it.

Wait 30 minutes, or reset your password, which unlocks the account at once. If you did not make those attempts, reset your password and turn on two-factor authentication.

=== sign-in | Sign in with single sign-on (SSO) | sso, saml, okta, azure, sign in
Business and Enterprise workspaces can require sign-in through your identity provider (Okta, Microsoft Entra ID, Google Workspace or any SAML 2.0 provider).

Choose **Sign in with SSO** and enter your work email; you are sent to your company's sign-in page. If it fails with "invalid signature" after your IT team rotated a certificate, an admin must upload the new certificate under **Settings → Security → SSO**.

=== sign-in | SSO error: invalid signature or expired certificate | sso, certificate, saml, error
This error means the identity provider signed the sign-in with a certificate we do not know, usually after a certificate rotation.

An admin of your workspace should:

1. Download the new signing certificate (or metadata XML) from the identity provider.
2. Upload it under **Settings → Security → SSO**.

Admins can always sign in with their password and two-factor code as a fallback while SSO is broken.

=== sign-in | Change the email address of your account | email, change, account, profile
1. Open **Profile → Account**.
2. Enter the new address and your current password.
3. Confirm from the email we send to the new address.

Until you confirm, the old address keeps working. In SSO workspaces, the email comes from your identity provider and is changed there.

=== sign-in | Stay signed in and session length | session, sign in, logged out, remember
Sessions last 30 days on trusted devices and end after 12 hours of inactivity on shared computers (when you untick *Remember me*).

Admins of Business workspaces can shorten session length under **Settings → Security → Sessions**. Signing out on one device does not sign you out elsewhere; use **Sign out everywhere** for that.

=== sign-in | You were signed out unexpectedly | logged out, session, sign in, cookies
Unexpected sign-outs usually come from:

- browser settings that **clear cookies** on close, or privacy extensions;
- an admin **shortening sessions** or signing everyone out;
- a **password change** on another device.

Allow cookies for our domain and sign in again. If it keeps happening within minutes, send us a request with your browser and its version.

=== security | Turn on two-factor authentication | 2fa, two-factor, authenticator, security
1. Open **Profile → Security → Two-factor authentication**.
2. Scan the QR code with an authenticator app (1Password, Google Authenticator, Microsoft Authenticator…).
3. Enter the 6-digit code to confirm.
4. Save your **recovery codes** somewhere safe.

From then on, signing in asks for a code from the app.

=== security | Lost your phone or authenticator app | 2fa, lost phone, recovery codes, locked out
If you cannot get a code:

1. On the code screen choose **Use a recovery code** and enter one of the codes you saved.
2. Then set up two-factor again with your new phone.

Without recovery codes, an admin of your workspace can reset your two-factor under **Settings → Members**. If you are the only admin, send us a request; we verify your identity before resetting it.

=== security | Two-factor codes are rejected | 2fa, code, invalid, time
Codes depend on your phone's clock. If codes are rejected:

- Turn on **automatic date and time** on your phone.
- Use the newest code; each is valid for 30 seconds.
- Make sure you use the entry for the right account in the app.

=== security | Require two-factor for your whole workspace | 2fa, admin, policy, enforce
Admins can require two-factor authentication for every member under **Settings → Security → Two-factor**.

Members without two-factor are asked to set it up at their next sign-in and cannot continue until they do. SSO members are exempt: your identity provider's own MFA applies.

=== security | See where you are signed in | sessions, devices, security, sign out everywhere
**Profile → Security → Sessions** lists every device and browser signed in to your account, with its location and last activity.

Choose **Sign out** next to a session you do not recognise, or **Sign out everywhere** to end all sessions except this one. Then change your password.

=== security | Suspicious sign-in alert | security, alert, sign in, new device
We email you when your account is used from a new device or country.

If it was you, no action is needed. If not: change your password at once, sign out everywhere and turn on two-factor authentication. Tell your workspace admin so they can review the audit log.

=== security | Report a security vulnerability | security, vulnerability, disclosure
We welcome reports from security researchers. Email security@ our domain with the steps to reproduce; please do not test against other customers' data.

We acknowledge reports within two business days and keep you informed until the issue is fixed.

=== privacy | Request a copy of your personal data | gdpr, personal data, export, access request, dsar
You can download the personal data we hold about you:

1. Open **Profile → Privacy → Download my data**.
2. We prepare a ZIP file with your profile, activity and content you created, and email a link when it is ready (usually within an hour, at most 30 days as the GDPR allows).

Workspace data that belongs to your employer is exported by the workspace admin instead.

=== privacy | Delete your personal data (right to erasure) | gdpr, delete, erasure, right to be forgotten, privacy
To have your personal data erased:

- **Members of a company workspace:** ask your workspace admin to remove your account; your personal data is then erased within 30 days.
- **Owners of a personal workspace:** close the workspace (see "Close your workspace"), then confirm erasure.

Invoices are kept for 10 years where tax law requires it; they are not used for anything else.

=== privacy | Where is my data stored? | gdpr, data location, hosting, eu
Workspaces created in the EU are hosted in Frankfurt, Germany, with backups in Amsterdam. Workspaces created elsewhere are hosted in the US (Virginia).

Enterprise customers can choose the region at the start of the contract.

=== privacy | Sign a data processing agreement (DPA) | gdpr, dpa, agreement, legal
Our data processing agreement is part of the terms of service for every paid plan. To get a signed copy, open **Settings → Billing → Legal documents** and choose **Download DPA**; it is pre-signed by us.

Enterprise customers can negotiate changes through their account manager.

=== privacy | How long we keep your data | retention, gdpr, data, deleted
- Active workspaces: as long as the workspace exists.
- Closed workspaces: 60 days, then deleted permanently.
- Backups: 35 days.
- Invoices: 10 years (tax law).

Business plans can set shorter retention periods for content under **Settings → Data retention**.

=== cancellation | Cancel your subscription | cancel, subscription, unsubscribe, stop
1. Open **Settings → Billing → Plan**.
2. Choose **Cancel subscription** and tell us why (optional).

The subscription ends at the end of the current billing period; you keep access until then. Your workspace then moves to the Free plan if it fits its limits, or becomes read-only.

=== cancellation | Close your workspace permanently | close, delete workspace, cancel, account
Only the workspace owner can close it:

1. Cancel the subscription first.
2. Open **Settings → Workspace → Close workspace** and type the workspace name to confirm.

Members lose access at once. Data is kept for 60 days in case you change your mind, then deleted permanently.

=== cancellation | Reopen a closed workspace | reopen, restore, workspace, closed
A closed workspace can be reopened within 60 days. Sign in as the former owner and choose **Reopen workspace**, or send us a request from the owner's email address.

After 60 days, the data is deleted and cannot be recovered.

=== cancellation | Export your data before cancelling | cancel, export, backup, data
Before you close a workspace, export what you want to keep: see **Export all workspace data**. Exports stay downloadable for 7 days.

After closing, the workspace is read-only for the owner for 60 days, so you can still export during that time.

=== cancellation | Transfer workspace ownership | owner, transfer, admin, leaving
If the owner is leaving your company:

1. The owner opens **Settings → Members**, chooses another admin and selects **Make owner**.
2. The new owner confirms by email.

If the owner has already left, another admin can ask us to transfer ownership; we verify with your company's domain before doing so.
`;
