/** Demo articles about the platform and the mobile app (format: see articles-billing.ts). */
export const platformArticles = `
=== team | Invite people to your workspace | invite, members, team, users
1. Open **Settings → Members → Invite**.
2. Enter one or more email addresses and choose a role.
3. Send. Invitations are valid for 7 days.

Each accepted invitation uses a seat. If no seat is free, the invitation waits and the person sees "waiting for a seat" until an admin adds one.

=== team | Invitation link expired or not working | invite, expired, invitation, link
Invitation links expire after 7 days, and also when the workspace had no free seat at the moment the link was opened.

Ask an admin to open **Settings → Members → Pending** and choose **Resend**. If the workspace is full, they need to add a seat first.

=== team | Roles and permissions | roles, permissions, admin, member, guest
- **Owner:** everything, including billing and closing the workspace. One per workspace.
- **Admin:** manage members, settings and integrations.
- **Member:** create and edit content in the projects they belong to.
- **Guest:** see only the projects they are invited to; free, up to 5 per paid seat.

Change a role under **Settings → Members**.

=== team | Remove or deactivate a member | remove, deactivate, member, leaver, offboarding
When someone leaves:

1. Open **Settings → Members**, choose the person and select **Deactivate**. They are signed out everywhere at once.
2. Reassign their open work if needed.
3. Reduce the seat count under **Settings → Billing → Seats** to stop paying for the seat.

Deactivated members' content stays in the workspace.

=== team | Create groups to manage access | groups, teams, access, permissions
Groups let you give many people access at once. Create them under **Settings → Groups**, add members, then share projects with the group instead of each person.

With SSO on Business plans, groups can be synced from your identity provider (SCIM).

=== team | Provision users automatically with SCIM | scim, provisioning, okta, azure, sso
Business and Enterprise workspaces can create, update and deactivate members from the identity provider through SCIM 2.0.

1. In **Settings → Security → SCIM**, generate a SCIM token.
2. In your identity provider, add our app with the SCIM URL shown and the token.

Members removed in the identity provider are deactivated here within minutes.

=== team | Guests and external collaborators | guests, external, clients, share
Invite clients or contractors as **guests**: they see only the projects shared with them and cannot browse the rest of the workspace.

Guests are free up to 5 per paid seat. Admins can forbid guests under **Settings → Security → Guests**.

=== integrations | Create an API token | api, token, key, developer
1. Open **Profile → API tokens → Create token**.
2. Give it a name and choose its scopes (read, write, admin).
3. Copy the token: it is shown **only once**.

Send it in the header Authorization: Bearer followed by the token. Tokens act with your permissions; revoke them on the same page.

=== integrations | API rate limits | api, rate limit, 429, throttling
The API allows 600 requests per minute per token (1,200 on Enterprise). Over the limit, requests answer **429 Too Many Requests** with a Retry-After header giving the seconds to wait.

Use pagination cursors instead of re-reading whole lists, and back off exponentially on 429 and 5xx answers.

=== integrations | API returns 401 Unauthorized | api, 401, unauthorized, token, error
A 401 means the token was not accepted:

- The header must be exactly Authorization: Bearer followed by the token.
- The token may have been **revoked** or its owner **deactivated**.
- Tokens created before a password reset on SSO workspaces may have been revoked by your admin.

Create a new token and try again.

=== integrations | Set up webhooks | webhooks, events, integration, notify
Webhooks send an HTTPS POST to your URL when something happens (item created, updated, deleted, member joined…).

1. Open **Settings → Integrations → Webhooks → Add webhook**.
2. Enter the URL and choose the events.
3. Copy the signing secret to verify the X-Signature header on each delivery.

Failed deliveries are retried for 24 hours with exponential back-off.

=== integrations | Webhook deliveries failing | webhooks, failing, retries, timeout
Open **Settings → Integrations → Webhooks** and choose the webhook to see recent deliveries and their answers.

Deliveries fail when your endpoint answers slower than 10 seconds, returns a non-2xx status, or has an invalid TLS certificate. After 24 hours of failures the webhook is paused; fix the endpoint and choose **Resume**.

=== integrations | Connect Slack | slack, integration, chat, notifications
1. Open **Settings → Integrations → Slack → Connect**.
2. Approve the permissions in Slack.
3. Choose which projects post to which channels.

If messages stop arriving, a Slack admin may have removed the app; reconnect it.

=== integrations | Connect Google Drive and Microsoft OneDrive | google drive, onedrive, files, integration
Connect a drive under **Settings → Integrations → Files** to attach files from it without uploading copies. Files keep the drive's own permissions, so people without access in the drive cannot open them.

=== integrations | Calendar sync with Google and Outlook | calendar, google, outlook, sync, integration
Due dates can appear in your calendar. Open **Profile → Calendar**, connect Google or Outlook, and choose which projects to include. Changes appear within 15 minutes; the sync is one-way, from us to your calendar.

=== integrations | Zapier and Make | zapier, make, automation, integration
Our Zapier and Make apps trigger on new or updated items and can create items from other tools. Connect them with an API token from **Profile → API tokens**. Each run counts toward the API rate limit.

=== integrations | Connect SSO with Okta | okta, sso, saml, setup
1. In Okta, add our app from the Okta Integration Network.
2. Copy the metadata URL from Okta.
3. In **Settings → Security → SSO**, choose **SAML**, paste the metadata URL and save.
4. Test with **Try SSO sign-in** before requiring it for everyone.

=== data-export | Export all workspace data | export, backup, download, data, csv, json
Owners and admins can export everything:

1. Open **Settings → Workspace → Export**.
2. Choose JSON (complete) or CSV (one file per type).
3. We email a download link when the export is ready; large workspaces take up to a few hours.

Links stay valid for 7 days.

=== data-export | Export stuck or never finishes | export, stuck, slow, failed
Exports of large workspaces can take several hours. If an export shows *Running* for more than 12 hours, cancel it and start it again with fewer types selected, or export by project.

If it still fails, send us a request with the export's ID from **Settings → Workspace → Export**.

=== data-export | Export a single project to CSV | export, csv, project, excel
Open the project, choose **… → Export → CSV**. The file includes every item with its fields, assignees and dates, and opens in Excel, Numbers or Google Sheets. Attachments are not included; use the full workspace export for them.

=== data-export | Import data from a spreadsheet | import, csv, spreadsheet, migrate
1. Open **Settings → Workspace → Import → CSV**.
2. Upload the file (UTF-8, up to 50 MB) and map its columns to fields.
3. Review the preview and start the import.

Rows with errors are skipped and listed in a report you can download and fix.

=== data-export | Migrate from another tool | migrate, import, switch, trello, jira, asana
We import from Trello, Asana and Jira under **Settings → Workspace → Import**. Connect the other tool, choose what to bring, and we copy projects, items, comments and attachments.

Business and Enterprise customers can ask for a guided migration.

=== data-export | Download attachments in bulk | attachments, download, files, bulk
To download all attachments of a project, open the project and choose **… → Export → Attachments (ZIP)**. For the whole workspace, use the full export with *Include attachments* ticked.

=== performance | The app is slow | slow, performance, loading, lag
If pages load slowly:

1. Check the **status page** for an ongoing incident.
2. Try a private window: browser extensions (ad blockers, grammar checkers) often slow large pages.
3. Update your browser; we support the last two versions of Chrome, Edge, Firefox and Safari.
4. Very large projects (over 10,000 items) load faster with filters or archived items hidden.

If only one project is slow, send us a request naming it.

=== performance | Check the status page | status, outage, incident, down
Our status page shows the health of the web app, the API, the mobile apps, email delivery and integrations, with incident updates as they happen.

Subscribe to updates by email or RSS from the status page. During a major incident, we also post updates in the app's banner.

=== performance | What to do during an outage | outage, down, unavailable, incident
If the app does not load:

1. Check the status page. If an incident is listed, updates follow every 30 minutes until it is resolved.
2. If nothing is listed, try another network or device, and clear your browser cache.
3. Still down? Send us a request with the time, the error shown and your browser; for Enterprise, call the support hotline.

Your data is safe during outages; nothing is lost.

=== performance | Error 500 or "Something went wrong" | error, 500, something went wrong, bug
An error page with a reference code means the request failed on our side. Wait a minute and try again.

If it happens again, send us a request with the **reference code** shown on the error page; it lets us find the exact failure in our logs.

=== performance | Uptime SLA | sla, uptime, availability, enterprise
Enterprise plans include a 99.9% monthly uptime commitment for the web app and API. If we miss it, you receive service credits: 10% of the monthly fee below 99.9%, 25% below 99.0%.

Claim credits within 30 days of the month's end through your account manager.

=== performance | Supported browsers and systems | browser, requirements, chrome, safari, firefox
We support the latest two versions of Chrome, Edge, Firefox and Safari on Windows, macOS and Linux. Internet Explorer is not supported.

The mobile app needs iOS 16 or later, or Android 10 or later.

=== performance | Search does not find an item | search, find, missing, items
Search covers titles, descriptions and comments in the projects you can access. New items appear within seconds.

If an item is missing: check that you can open its project, that it is not archived (tick *Include archived*), and try a shorter query. On the Free plan, search covers the last 30 days.

=== mobile-setup | Install the mobile app | mobile, app, install, ios, android
Download the app from the App Store (iOS 16+) or Google Play (Android 10+), open it and sign in with the same account as on the web.

SSO workspaces: choose **Sign in with SSO** and enter your work email.

=== mobile-setup | The mobile app crashes on start | crash, mobile, app, closes, freezes
If the app closes as soon as you open it:

1. Update to the latest version from the App Store or Google Play.
2. Restart your phone.
3. If it still crashes, sign out is not possible, so **reinstall** the app: unsynced changes are lost, so wait for a network connection first if you can.

Crash reports are sent to us automatically; send a request with your phone model and system version to help us fix it faster.

=== mobile-setup | The app crashes when opening attachments | crash, attachments, mobile, pdf
Crashes when opening large attachments usually come from low free storage on the phone. Free at least 1 GB, then try again.

If the crash only happens with one file type, send us a request with the type and size; meanwhile open the file through **Share → Open in…**.

=== mobile-setup | Sign in to the mobile app with SSO | mobile, sso, sign in, app
Choose **Sign in with SSO**, enter your work email, and complete your company's sign-in in the browser window that opens. If the window stays blank, make sure your phone's default browser is installed and up to date.

=== mobile-setup | Update the app | mobile, update, version, app store
We release an update every two weeks. Turn on automatic updates in the App Store or Google Play, or update manually. Versions older than six months stop connecting and ask you to update.

=== mobile-setup | Use the app on a tablet | tablet, ipad, mobile, app
The app supports iPad and Android tablets with a two-pane layout in landscape. Split View and Slide Over work on iPad.

=== notifications | Push notifications not arriving | notifications, push, mobile, not received, alerts
If you do not get push notifications:

1. Check the phone's settings: notifications must be allowed for the app.
2. In the app, open **Profile → Notifications** and check that push is on for the events you want.
3. Turn off **Focus / Do Not Disturb** modes, or add the app as an exception.
4. Sign out and in again to renew the device's notification token.

Android: exclude the app from battery optimisation.

=== notifications | Choose which notifications you get | notifications, settings, email, push
Under **Profile → Notifications** you choose, per event (mentions, assignments, comments, due dates), whether to be told by push, email, both or not at all.

Project admins cannot override your choices, except for mentions, which always notify.

=== notifications | Quiet hours | notifications, quiet hours, do not disturb
Set quiet hours under **Profile → Notifications → Quiet hours**. During them, push notifications are held and delivered as a summary when the quiet hours end. Email notifications are not affected.

=== notifications | Too many email notifications | notifications, email, digest, spam
Switch email notifications to a **daily digest** under **Profile → Notifications → Email → Digest**. You then receive one email a day at the time you choose, with everything that happened.

=== notifications | Notifications arrive late | notifications, delay, late, push
Push notifications normally arrive within seconds. Delays come from battery saving on the phone (Android: exclude the app from optimisation; iOS: turn off Low Power Mode) or from a slow network. Email notifications can take up to 5 minutes.

=== sync | Changes not syncing between devices | sync, offline, devices, not updating
Changes sync in the background when you are online. If a device does not show recent changes:

1. Pull down to refresh.
2. Check the sync indicator at the top: a cloud with a line through it means offline.
3. In **Profile → Storage**, choose **Resync** to download everything again.

Changes made offline are sent as soon as the connection returns.

=== sync | Use the app offline | offline, sync, mobile
Projects you open recently are available offline. Turn on **Available offline** for a project to keep all its items on the device.

Offline edits are kept on the phone and synced when you are back online. If someone else changed the same field meanwhile, the newest change wins and the other is kept in the item's history.

=== sync | Sync conflicts | sync, conflict, duplicate, offline
When the same item was edited on two devices while one was offline, the most recent edit wins field by field. Nothing is lost: open the item's **History** to see and restore the other version.

=== sync | App shows old data after update | sync, cache, old data, update
After a major update the app rebuilds its local copy. If it shows old data for more than a few minutes, open **Profile → Storage → Clear cache**, then pull to refresh.
`;

/** Internal articles for agents, and a few drafts. */
export const internalArticles = `
=== playbooks | Refund approval limits | refunds, approval, limits, finance | internal
- Tier 1 may refund up to **200 EUR** (or equivalent) per ticket without approval.
- 200–2,000 EUR: a team lead approves in the ticket (internal note "approved").
- Over 2,000 EUR, or any refund on an Enterprise contract: Finance approves.

Never refund a payment that is under **chargeback**: the bank has already returned the money.

=== playbooks | Handling duplicate charge tickets | refunds, duplicate, double charge, playbook | internal
1. Open the customer's billing record and compare the two payments: same amount, same day?
2. If one is *pending*, explain it is an authorisation that drops in 3–5 business days. Solve with resolution code *answered*.
3. If both are *paid*, refund the duplicate in the billing tool and reply with the refund reference.
4. Link the public article "Request a refund for a duplicate charge" in your reply.

=== playbooks | Escalating outages to Tier 2 | outage, escalation, incident, tier 2 | internal
Escalate to Tier 2 immediately (priority P1) when:

- several customers report the same failure within 15 minutes, or
- the status page shows no incident but the customer cannot use the product at all.

Before escalating: note the workspace, the time (with time zone), the error or reference code, and the browser or app version. Link all related tickets to the first one as *related*.

=== playbooks | Verifying identity before account changes | security, identity, verification, account takeover | internal
Before changing an email address, resetting two-factor or transferring ownership, verify the person:

- the request comes from the account's email address **and**
- they can name the workspace and the date of the last invoice, **or** an admin of the workspace confirms in writing.

Never act on requests from a different email address alone. If in doubt, escalate to Tier 2 security.

=== playbooks | Resetting two-factor for a customer | 2fa, reset, security, playbook | internal
Only after identity verification (see the verification playbook):

1. In the admin console, open the user and choose **Reset 2FA**.
2. Tell the customer to set it up again at the next sign-in and to save recovery codes.
3. Add the internal note "2FA reset after verification" with how you verified.

=== playbooks | SSO certificate rotation failures | sso, certificate, saml, okta, playbook | internal
Symptom: all users of one workspace get "invalid signature" on SSO sign-in, usually the morning after IT rotated certificates.

Reply with the public article on SSO certificate errors and ask an admin to upload the new certificate. If no admin can sign in, Tier 2 can temporarily allow password sign-in for one admin for 24 hours.

=== playbooks | GDPR requests: what we must do | gdpr, erasure, access request, legal | internal
- Access requests: answer within **30 days**. Point customers to **Download my data** first.
- Erasure requests from a member of a company workspace: the workspace admin decides; tell the requester to ask them.
- Erasure requests from a personal workspace owner: use the admin console's erasure function; it keeps invoices as tax law requires.
- Tag the ticket *gdpr* and set the category *Account → GDPR request*.

=== playbooks | Failed payments and suspension | payments, failed, suspension, playbook | internal
If a customer has updated the card, retry the charge from the billing tool; the restriction lifts when it succeeds. If the customer needs more time, you may extend the grace period once by up to 14 days (internal note with the reason). Enterprise accounts: inform the account manager before any suspension.

=== playbooks | Goodwill credits | credit, goodwill, compensation, outage | internal
After an incident that affected a customer for more than 4 hours, Tier 1 may offer a goodwill credit of up to 10% of one month's fee. Add it as a credit in the billing tool and note the incident number. Larger amounts: team lead.

=== playbooks | Mobile crash triage | crash, mobile, triage, tier 2 | internal
Collect: phone model, system version, app version (Profile → About), and whether it crashes on start or on a specific action. Search the crash dashboard for the app version. Known crash: link the ticket to the problem record. New crash: escalate to Tier 2 mobile with the details.

=== playbooks | Webhook debugging checklist | webhooks, api, debugging, tier 2 | internal
Open the workspace's webhook deliveries in the admin console. Common causes: endpoint timeouts (> 10 s), expired TLS certificates, and signature checks that use the parsed body instead of the raw body. Share the failing delivery's response with the customer; do not share other workspaces' data.

=== playbooks | Writing good knowledge-base articles | knowledge base, writing, kcs | internal
- Title: the customer's question or task, in their words ("Reset your password", not "Password management").
- Start with the answer; steps as a numbered list; one task per article.
- Add the words customers use as tags (e.g. "money back" for refunds).
- When you solve a ticket with an article, mark it *solved with*; when an article is wrong, flag it outdated.

=== playbooks | Tone and templates for apologies | tone, apology, writing, customers | internal
Apologise once, specifically, and move to the fix: "I'm sorry the invoice showed the old address — I've corrected it and attached the new copy." Avoid blaming other teams or the customer. Close with what happens next and when.

=== playbooks | Handling angry customers | escalation, angry, complaint, tone | internal
Acknowledge the impact, restate the problem in one sentence, and give a concrete next step with a time. Offer a call for Business and Enterprise accounts. If the customer threatens to cancel, tag the ticket *churn-risk* so the account manager sees it.

=== playbooks | Bank transfer payments: matching | payments, bank transfer, finance | internal
Unmatched transfers land in the finance queue. If a customer says they paid by transfer, ask for the date, amount and reference, then forward to Finance with the invoice number. Do not mark invoices paid yourself.

=== playbooks | Data export requests for large workspaces | export, large, tier 2 | internal
Exports over 50 GB can time out. Tier 2 can run an export from the back office to object storage and share a time-limited link. Create a task ticket for Tier 2 with the workspace ID and what to include.

=== playbooks | Enterprise customers: who to involve | enterprise, tam, account manager, escalation | internal
For Enterprise accounts, add the account manager (TAM) as a follower on every P1 and P2 ticket and on any billing dispute. Contract questions (pricing, terms) go to the TAM, not support.

=== playbooks | Closing tickets: resolution codes | resolution codes, closing, solved | internal
Pick the resolution code that describes what fixed it: *answered* (information), *configuration* (a setting changed), *bug_fixed*, *refund_issued*, *duplicate*. Reports on top issues and costs are built from these codes, so pick carefully.

=== playbooks | VAT ID validation failures | vat, tax, invoices, validation | internal
If VIES rejects a VAT ID the customer insists is valid, VIES may be down (check the EU VIES status page). Ask the customer to retry later; if urgent, Finance can add the ID manually after checking it.

=== playbooks | Seat disputes after deactivation | seats, billing, deactivate, dispute | internal
Customers often deactivate members but forget to reduce seats. Explain the difference, reduce the seats with their consent, and credit at most the current billing period as goodwill.

=== billing | New pricing page (draft) | pricing, plans | draft
Draft for the 2027 pricing change. Team plan price per seat changes; Business gains unlimited guests. Not to be published before the announcement.

=== account | Passkeys sign-in (draft) | passkeys, sign in, security | draft
Draft: passkeys will let members sign in with Face ID, Touch ID or Windows Hello instead of a password. Steps to follow when the feature ships.

=== mobile | Widgets for the home screen (draft) | mobile, widgets | draft
Draft: home-screen widgets show today's assignments. Waiting for the iOS 18 release.
`;
