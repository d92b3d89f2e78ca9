import ReactMarkdown from 'react-markdown';

/**
 * A template body as the signer sees it: markdown without raw HTML (react-markdown never renders
 * HTML unless a plugin asks; `skipHtml` drops it) and links that cannot run script.
 */
export function Markdown({ source }: { source: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown
        skipHtml
        allowedElements={[
          'p',
          'h1',
          'h2',
          'h3',
          'h4',
          'strong',
          'em',
          'ul',
          'ol',
          'li',
          'blockquote',
          'code',
          'pre',
          'a',
          'hr',
          'br',
        ]}
        unwrapDisallowed
        components={{
          a: ({ href, children }) => (
            <a href={href} rel="noopener noreferrer nofollow" target="_blank">
              {children}
            </a>
          ),
        }}
      >
        {source}
      </ReactMarkdown>
    </div>
  );
}
