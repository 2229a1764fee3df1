import type { PublicSurvey, SurveyKind } from './feedback.schemas.ts';
import { questionPrompts } from './surveys.presenter.ts';

/** The survey email and the small server-rendered rating page (no script: it works in any mail client's browser). */

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

export function renderSurveyEmail(input: {
  ticketId: number;
  subject: string;
  agentName: string | null;
  kind: SurveyKind;
  links: { score: number; url: string }[];
  pageUrl: string;
}): { subject: string; text: string; html: string } {
  const prompt = questionPrompts[input.kind];
  const helper = input.agentName ? ` ${input.agentName.split(/\s+/)[0]} helped you with` : ' We worked on';
  const intro = `Your request #${input.ticketId} "${input.subject}" is solved.${helper} it — how did we do?`;
  const text = [
    intro,
    '',
    `${prompt.prompt} (${input.links[0]?.score} = ${prompt.low}, ${input.links.at(-1)?.score} = ${prompt.high})`,
    '',
    ...input.links.map((link) => `${link.score}: ${link.url}`),
    '',
    `One click records your rating; you can change it or add a comment on the page that opens: ${input.pageUrl}`,
  ].join('\n');
  const buttons = input.links
    .map(
      (link) =>
        `<a href="${escapeHtml(link.url)}" style="display:inline-block;min-width:28px;padding:8px 10px;margin:2px;border:1px solid #1c7ed6;border-radius:6px;color:#1c7ed6;text-decoration:none;text-align:center;font-weight:600">${link.score}</a>`,
    )
    .join('');
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#212529">
<p>${escapeHtml(intro)}</p>
<p><strong>${escapeHtml(prompt.prompt)}</strong></p>
<p>${buttons}</p>
<p style="color:#868e96;font-size:13px">${escapeHtml(`${input.links[0]?.score} = ${prompt.low}, ${input.links.at(-1)?.score} = ${prompt.high}`)}. One click records your rating; you can change it or add a comment on the page that opens.</p>
</body></html>`;
  return { subject: `How did we do? [#${input.ticketId}] ${input.subject}`, text, html };
}

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,-apple-system,sans-serif;margin:0;background:#f8f9fa;color:#212529}
main{max-width:640px;margin:32px auto;padding:24px;background:#fff;border:1px solid #dee2e6;border-radius:10px}
h1{font-size:1.4rem;margin-top:0}
fieldset{border:0;padding:0;margin:0 0 20px}
legend{font-weight:600;margin-bottom:8px}
.scale{display:flex;flex-wrap:wrap;gap:6px}
.scale label{display:flex;flex-direction:column;align-items:center;min-width:40px;padding:6px 4px;border:1px solid #adb5bd;border-radius:6px;cursor:pointer}
.scale input{margin:0 0 4px}
.ends{display:flex;justify-content:space-between;font-size:.85rem;color:#495057;margin-top:4px}
textarea{width:100%;box-sizing:border-box;min-height:90px;font:inherit;padding:8px;border:1px solid #adb5bd;border-radius:6px}
button{margin-top:12px;padding:10px 18px;font:inherit;font-weight:600;background:#1c7ed6;color:#fff;border:0;border-radius:6px;cursor:pointer}
.note{padding:10px 12px;border-radius:6px;background:#e7f5ff;margin-bottom:16px}
.problem{background:#fff5f5}
</style></head><body><main>${body}</main></body></html>`;
}

/** The rating page: the current answers checked, a comment box per question, a note after saving. */
export function renderSurveyPage(survey: PublicSurvey, note?: string): string {
  const answers = new Map(survey.answers.map((a) => [a.kind, a]));
  const fieldsets = survey.questions
    .map((question) => {
      const answer = answers.get(question.kind);
      const prompt = questionPrompts[question.kind];
      const options = [];
      for (let score = question.min; score <= question.max; score++) {
        const checked = answer?.score === score ? ' checked' : '';
        options.push(`<label><input type="radio" name="${question.kind}" value="${score}"${checked}>${score}</label>`);
      }
      const commentLabel =
        question.kind === 'nps' ? 'What is the main reason for your score?' : 'Anything you would like to add? (optional)';
      return `<fieldset><legend>${escapeHtml(question.prompt)}</legend>
<div class="scale" role="radiogroup" aria-label="${escapeHtml(question.prompt)}">${options.join('')}</div>
<div class="ends"><span>${question.min} = ${escapeHtml(prompt.low)}</span><span>${question.max} = ${escapeHtml(prompt.high)}</span></div>
<p><label for="${question.kind}_comment">${escapeHtml(commentLabel)}</label></p>
<textarea id="${question.kind}_comment" name="${question.kind}_comment" maxlength="5000">${escapeHtml(answer?.comment ?? '')}</textarea>
</fieldset>`;
    })
    .join('\n');
  const who = survey.agent_name ? ` ${escapeHtml(survey.agent_name)} helped you with` : ' About';
  return layout(
    'Rate your support',
    `<h1>How did we do?</h1>
${note ? `<p class="note" role="status">${escapeHtml(note)}</p>` : ''}
<p>${who} request #${survey.ticket.number}: <strong>${escapeHtml(survey.ticket.subject)}</strong></p>
<form method="post">${fieldsets}<button type="submit">Save my answers</button></form>
<p style="color:#868e96;font-size:13px">You can change your answers until ${escapeHtml(survey.expires_at.slice(0, 10))}.</p>`,
  );
}

/** A link that cannot be used: forged, expired or gone. */
export function renderLinkProblem(title: string, detail: string): string {
  return layout(title, `<h1>${escapeHtml(title)}</h1><p class="note problem" role="alert">${escapeHtml(detail)}</p>`);
}
