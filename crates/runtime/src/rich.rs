//! Rich text: paragraphs, bulleted lists, emphasis and links, parsed into a tree that the
//! widget renders as elements. There is no way to express raw HTML.

/// Rich text: its blocks in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rich(pub Vec<Block>);

/// A paragraph or a list; blocks are separated by a blank line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// A paragraph of inline parts.
    Para(Vec<Inline>),
    /// A bulleted list (lines starting with `- `), one run of inline parts per item.
    List(Vec<Vec<Inline>>),
}

/// A run of text within a block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// Text in `*emphasis*`.
    Em(String),
    /// Text in `**strong emphasis**`.
    Strong(String),
    /// A link, `[label](href)`.
    Link {
        /// The link's text.
        label: String,
        /// The link's target, whose scheme is one of [`SCHEMES`].
        href: String,
    },
}

/// The link schemes a flow may use.
pub const SCHEMES: [&str; 4] = ["https:", "tel:", "sms:", "mailto:"];

/// Whether a link to `href` may be shown: its scheme is one of [`SCHEMES`] (in any case).
/// The one rule for the compiler and the pack reader, so a pack cannot carry a
/// `javascript:` link the compiler would have refused.
pub fn allowed(href: &str) -> bool {
    SCHEMES.iter().any(|s| {
        href.get(..s.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(s))
    })
}

/// A problem found while parsing rich text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RichError {
    /// A link whose scheme is not one of [`SCHEMES`]; holds the link target.
    Scheme(String),
    /// Emphasis that is opened but never closed; holds the marker, `*` or `**`.
    Unclosed(&'static str),
}

impl Rich {
    /// Parses rich-text source: paragraphs split at blank lines, `- ` lists, emphasis and
    /// links.
    pub fn parse(src: &str) -> Result<Rich, RichError> {
        let mut blocks = Vec::new();
        for chunk in src.split("\n\n").map(str::trim).filter(|c| !c.is_empty()) {
            let lines: Vec<&str> = chunk
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            if lines.iter().all(|l| l.starts_with("- ")) {
                let items = lines
                    .iter()
                    .map(|l| inline(&l[2..]))
                    .collect::<Result<_, _>>()?;
                blocks.push(Block::List(items));
            } else {
                blocks.push(Block::Para(inline(&lines.join(" "))?));
            }
        }
        Ok(Rich(blocks))
    }

    /// Whether every link in the text may be shown ([`allowed`]).
    pub fn links_allowed(&self) -> bool {
        let ok = |parts: &[Inline]| {
            parts.iter().all(|i| match i {
                Inline::Link { href, .. } => allowed(href),
                _ => true,
            })
        };
        self.0.iter().all(|b| match b {
            Block::Para(p) => ok(p),
            Block::List(items) => items.iter().all(|i| ok(i)),
        })
    }

    /// The text without markup, one paragraph or list item per line.
    pub fn plain(&self) -> String {
        let mut out = String::new();
        for block in &self.0 {
            match block {
                Block::Para(p) => {
                    out.push_str(&plain_inline(p));
                    out.push('\n');
                }
                Block::List(items) => {
                    for item in items {
                        out.push_str("- ");
                        out.push_str(&plain_inline(item));
                        out.push('\n');
                    }
                }
            }
        }
        out
    }
}

fn plain_inline(parts: &[Inline]) -> String {
    parts
        .iter()
        .map(|p| match p {
            Inline::Text(t) | Inline::Em(t) | Inline::Strong(t) => t.clone(),
            Inline::Link { label, href } => format!("{label} ({href})"),
        })
        .collect()
}

fn inline(src: &str) -> Result<Vec<Inline>, RichError> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut rest = src;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("**") {
            let end = after.find("**").ok_or(RichError::Unclosed("**"))?;
            flush(&mut text, &mut out);
            out.push(Inline::Strong(after[..end].to_string()));
            rest = &after[end + 2..];
        } else if let Some(after) = rest.strip_prefix('*') {
            let end = after.find('*').ok_or(RichError::Unclosed("*"))?;
            flush(&mut text, &mut out);
            out.push(Inline::Em(after[..end].to_string()));
            rest = &after[end + 1..];
        } else if let Some((label, href, after)) = link(rest) {
            if !allowed(href) {
                return Err(RichError::Scheme(href.to_string()));
            }
            flush(&mut text, &mut out);
            out.push(Inline::Link {
                label: label.to_string(),
                href: href.to_string(),
            });
            rest = after;
        } else {
            text.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    flush(&mut text, &mut out);
    Ok(out)
}

/// `[label](href)` at the start of `s`: the label, the href and what follows.
fn link(s: &str) -> Option<(&str, &str, &str)> {
    let body = s.strip_prefix('[')?;
    let close = body.find("](")?;
    let after = &body[close + 2..];
    let end = after.find(')')?;
    Some((&body[..close], &after[..end], &after[end + 1..]))
}

fn flush(text: &mut String, out: &mut Vec<Inline>) {
    if !text.is_empty() {
        out.push(Inline::Text(std::mem::take(text)));
    }
}
