import { Fragment } from 'react';

const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const decode = (text: string) => text.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => entities[entity] ?? entity);

/**
 * Search snippets come from the server HTML-escaped with the matched words in <mark>…</mark>;
 * this turns them into React text and <mark> elements, so no markup is ever injected.
 */
export function Highlighted({ html }: { html: string }) {
  const parts = html.split(/<mark>(.*?)<\/mark>/gs);
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one string never reorder
          <mark key={index}>{decode(part)}</mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one string never reorder
          <Fragment key={index}>{decode(part)}</Fragment>
        ),
      )}
    </>
  );
}
