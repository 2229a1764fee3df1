/** More demo articles: everyday how-tos (format: see articles-billing.ts). */
export const moreArticles = `
=== team | Change your name, photo or time zone | profile, name, photo, time zone
Open **Profile → Account** to change your display name, photo and time zone. Due dates and notification times follow your time zone. In SSO workspaces, your name may come from the identity provider and be read-only here.

=== team | Leave a workspace | leave, workspace, member
Open **Profile → Workspaces**, choose the workspace and select **Leave**. Owners must transfer ownership first. Your content stays in the workspace.

=== team | Switch between workspaces | workspaces, switch, multiple
If you belong to several workspaces, choose the workspace name at the top left to switch. Each workspace has its own members, billing and settings; one account can join any number of them.

=== team | Who can see my projects? | privacy, projects, visibility, access
Projects are visible to the members and groups they are shared with. **Open** projects are visible to every member of the workspace (not guests); **private** projects only to those invited. Change it under the project's **Settings → Access**.

=== team | Audit log of changes | audit log, history, security, admin
Business and Enterprise admins see who changed what under **Settings → Audit log**: sign-ins, member changes, permission changes, exports and deletions, kept for 2 years. Filter by person, action or date and export as CSV.

=== team | Restore a deleted item | restore, deleted, trash, undo
Deleted items stay in **Trash** for 30 days. Open **Trash** in the sidebar, choose the item and select **Restore**. After 30 days items are deleted permanently; admins can empty the trash sooner.

=== team | Keyboard shortcuts | keyboard, shortcuts, productivity
Press **?** anywhere to see every shortcut. The most used: **C** create an item, **/** search, **G then I** go to inbox, **E** edit, **Ctrl/Cmd+Enter** save.

=== team | Use templates for recurring projects | templates, projects, recurring
Save any project as a template with **… → Save as template**. New projects created from it copy its structure, fields and checklists, but not its items' assignees or dates.

=== team | Custom fields | custom fields, fields, properties
Admins add custom fields (text, number, date, dropdown, checkbox) under **Settings → Fields**. Fields can be required and shown only in some projects. Values are exported with the item.

=== team | Automations: rules that act for you | automation, rules, workflow
Under **Settings → Automations**, create rules such as "when an item moves to Done, notify the requester" or "every Monday, create a review item". Team plans include 10 rules; Business unlimited.

=== integrations | Embed items in other websites | embed, iframe, share, public link
Choose **Share → Public link** on an item to create a read-only link, optionally password-protected and with an expiry date. Admins can turn public links off for the workspace.

=== integrations | Email items into a project | email, inbound, forward, create
Every project has its own email address (**Project settings → Email in**). Emails sent to it become items; attachments are attached. Only members' addresses are accepted unless the project allows external senders.

=== integrations | Paginate API results | api, pagination, cursor, limit
List endpoints return up to 100 items per page with a next_cursor. Pass it as cursor in the next request until next_cursor is null. Cursors are opaque: do not build them yourself.

=== integrations | API versioning and deprecations | api, versions, deprecation, changes
The API is versioned in its path (/api/v1). We never remove fields within a version; new fields may appear, so ignore fields you do not know. Deprecated endpoints are announced 6 months ahead in the changelog and in a Deprecation response header.

=== data-export | Back up your workspace automatically | backup, export, schedule
Business plans can schedule a weekly export under **Settings → Workspace → Export → Schedule**. Each export is sent to the storage you connect (Amazon S3, Google Cloud Storage or Azure Blob) and kept there under your control.

=== data-export | Export time tracking reports | export, time tracking, report, hours
Open **Reports → Time**, pick the period and filters, then **Export → CSV or XLSX**. Hours are exported in decimal form, one row per entry, with person, project and item.

=== performance | Large attachments fail to upload | upload, attachments, large files, fails
Files up to 250 MB can be attached (2 GB on Business). Uploads fail when the connection drops or a proxy limits request size; retry on a stable network. Very large files are better linked from Google Drive or OneDrive.

=== performance | Pages do not load behind a company proxy or firewall | proxy, firewall, network, websocket
The app needs HTTPS (443) access to our domains and WebSocket connections for live updates. Ask your IT team to allow our domains and not to intercept TLS for them. The status page lists the domains used.

=== mobile-setup | Face ID and fingerprint unlock | face id, fingerprint, biometric, mobile
Turn on **Profile → Security → App lock** to require Face ID, Touch ID or your fingerprint when opening the app. Workspace admins can require app lock for everyone.

=== mobile-setup | Lost or stolen phone | lost phone, stolen, security, sign out
Sign in on the web and open **Profile → Security → Sessions**, then choose **Sign out** next to the phone. Its offline copy is deleted the next time it connects. Change your password if the phone was not locked.

=== mobile-setup | Use the app in another language | language, locale, translation, mobile
The app follows your phone's language: English, German, French, Spanish, Portuguese, Dutch and Italian are available. On the web, choose the language under **Profile → Account → Language**.

=== notifications | Email notifications go to spam | email, spam, notifications, deliverability
Add our notification address to your contacts and ask your IT team to allow our sending domain. We sign every message with DKIM and SPF, so well-configured filters accept it.

=== notifications | Mute a project or an item | mute, notifications, project, item
Choose **… → Mute** on a project or item to stop notifications from it, except mentions. Unmute the same way.

=== sync | Calendar shows old due dates | calendar, sync, due dates, outlook
Calendar sync runs every 15 minutes. Outlook can take several hours to refresh subscribed calendars; use the direct Outlook connection instead of the iCal link for faster updates.

=== invoices | Find your invoice number or customer number | invoices, number, customer id, reference
Your customer number is on every invoice, top right, and under **Settings → Billing → Billing profile**. Invoice numbers start with INV- followed by the year. Quote both when you contact us about billing.

=== payments | Company card limits and large renewals | payments, card limit, annual, declined
Annual renewals can exceed a company card's single-payment limit. Ask your bank to raise the limit for the renewal day, split the subscription into monthly billing, or switch to bank transfer (Business and Enterprise).

=== plans | What happens at the end of a trial | trial, plan, ends, free
Trials last 14 days with every Business feature. At the end, add a payment method to continue on the plan you choose; otherwise the workspace moves to the Free plan and content above Free limits becomes read-only.

=== privacy | Cookies we use | cookies, privacy, tracking
We use strictly necessary cookies to keep you signed in and protect forms, and, with your consent, analytics cookies to improve the product. Change your choice at any time under **Profile → Privacy → Cookies**.
`;
