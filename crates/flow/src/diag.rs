//! Engine errors printed the way rustc and ripgrep print theirs: the kind and message, the
//! place, the source line with a caret under the offending token, and what to do about it.

use crate::Error;

/// One error as a block of text, ending in a newline.
///
/// ```text
/// error[dangling]: "adultt" names no question or outcome in this flow
///   --> flows/broken.toml:79:8
///    |
/// 79 | next = "adultt"
///    |        ^^^^^^^^
///    = help: did you mean "adult"?
/// ```
pub fn render(err: &Error, file: &str, src: &str) -> String {
    let mut out = format!("error[{}]: {}\n", err.kind.code(), err.message);
    let snippet = err.pos.and_then(|p| {
        let line = src.lines().nth((p.line as usize).checked_sub(1)?)?;
        Some((p, line))
    });
    match (err.pos, snippet) {
        (Some(p), Some((_, line))) => {
            let number = p.line.to_string();
            let pad = " ".repeat(number.len());
            let (indent, width) = caret(line, p.col as usize);
            out += &format!("{pad}--> {file}:{}:{}\n", p.line, p.col);
            out += &format!("{pad} |\n");
            out += &format!("{number} | {line}\n");
            out += &format!("{pad} | {indent}{}\n", "^".repeat(width));
            out += &format!("{pad} = help: {}\n", err.help);
        }
        (Some(p), None) => {
            out += &format!(" --> {file}:{}:{}\n", p.line, p.col);
            out += &format!("  = help: {}\n", err.help);
        }
        (None, _) => {
            out += &format!(" --> {file}\n");
            out += &format!("  = help: {}\n", err.help);
        }
    }
    out
}

/// The padding that puts a caret under column `col` (1-based, in characters) of `line`,
/// keeping tabs so that it lines up, and how many carets cover the token there.
fn caret(line: &str, col: usize) -> (String, usize) {
    let chars: Vec<char> = line.chars().collect();
    let start = col.saturating_sub(1).min(chars.len());
    let indent = chars[..start]
        .iter()
        .map(|&c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    (indent, token_len(&chars[start..]).max(1))
}

/// The length of the token at the start of `rest`: a quoted string with its quotes, a
/// bracketed value closed on the same line, or a run up to whitespace or a quote.
fn token_len(rest: &[char]) -> usize {
    let starts = |s: &str| rest.iter().take(3).copied().eq(s.chars());
    if starts("\"\"\"") || starts("'''") {
        return 3;
    }
    match rest.first() {
        None => 0,
        Some('"') => closing_quote(rest, '"', true).unwrap_or(rest.len()),
        Some('\'') => closing_quote(rest, '\'', false).unwrap_or(rest.len()),
        Some('{' | '[') => matching_bracket(rest).unwrap_or_else(|| plain_len(rest)),
        Some(_) => plain_len(rest),
    }
}

fn plain_len(rest: &[char]) -> usize {
    rest.iter()
        .position(|&c| c.is_whitespace() || c == '"' || c == '\'')
        .unwrap_or(rest.len())
}

/// The length up to and including the quote that closes the one at `rest[0]`.
fn closing_quote(rest: &[char], quote: char, escapes: bool) -> Option<usize> {
    let mut i = 1;
    while i < rest.len() {
        match rest[i] {
            '\\' if escapes => i += 2,
            c if c == quote => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// The length up to and including the bracket that closes the one at `rest[0]`, skipping
/// brackets inside strings.
fn matching_bracket(rest: &[char]) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = 0;
    while i < rest.len() {
        match rest[i] {
            '{' | '[' => depth += 1,
            '}' | ']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            q @ ('"' | '\'') => i += closing_quote(&rest[i..], q, q == '"')? - 1,
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn under(line: &str, col: usize) -> String {
        let (indent, width) = caret(line, col);
        format!("{line}\n{indent}{}", "^".repeat(width))
    }

    #[test]
    fn carets_cover_the_token() {
        let cases = [
            ("next = \"adultt\"", 8, "next = \"adultt\"\n       ^^^^^^^^"),
            ("next = \"adultt\"", 1, "next = \"adultt\"\n^^^^"),
            ("[[question]]", 1, "[[question]]\n^^^^^^^^^^^^"),
            (
                "when = { any = [\"a.b\", \"c}\"] } # x",
                8,
                "when = { any = [\"a.b\", \"c}\"] } # x\n       ^^^^^^^^^^^^^^^^^^^^^^^",
            ),
            ("title.en = \"\"\"", 12, "title.en = \"\"\"\n           ^^^"),
            ("\tid = 'x y'", 7, "\tid = 'x y'\n\t     ^^^^^"),
            ("x = \"a\\\"b\"", 5, "x = \"a\\\"b\"\n    ^^^^^^"),
            ("short", 40, "short\n     ^"),
        ];
        for (line, col, want) in cases {
            assert_eq!(under(line, col), want, "{line:?} at {col}");
        }
    }
}
