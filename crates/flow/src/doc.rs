//! A format-neutral document tree: what the flow compiler reads.
//!
//! TOML (with positions) and JSON (from the browser's own `JSON.parse`) are both turned into
//! this tree, so that one compiler with one set of messages serves every input format.

pub use selfcheck_runtime::error::{Pos, Spans};
pub use selfcheck_runtime::markup::json_string;

/// A value with the position it was written at (`None` when the input format has none).
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// The parsed value.
    pub value: Value,
    /// Where the value is written, when known.
    pub pos: Option<Pos>,
}

/// A value of the document, as TOML and JSON both have them.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A string (a TOML date is read as one).
    Str(String),
    /// An integer.
    Int(i64),
    /// A number that is not an integer, e.g. `1.5`.
    Float(f64),
    /// `true` or `false`.
    Bool(bool),
    /// A list, in order (a TOML array of tables too).
    Array(Vec<Node>),
    /// Keys in the order they were written, each with its own position.
    Table(Vec<(String, Option<Pos>, Node)>),
}

impl Node {
    /// A node without a position, for trees built in code.
    pub fn new(value: Value) -> Node {
        Node { value, pos: None }
    }

    /// The value under `key` when this node is a table; `None` otherwise or when absent.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Table(entries) => entries.iter().find(|(k, _, _)| k == key).map(|(_, _, n)| n),
            _ => None,
        }
    }

    /// The value's type as messages name it, e.g. "a string".
    pub fn type_name(&self) -> &'static str {
        match self.value {
            Value::Str(_) => "a string",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a number",
            Value::Bool(_) => "true or false",
            Value::Array(_) => "a list",
            Value::Table(_) => "a table",
        }
    }
}

/// Turns byte offsets into line and column numbers.
#[cfg(feature = "toml")]
struct Lines<'a> {
    src: &'a str,
    /// The byte offset where each line starts: a position is a binary search, not a scan
    /// of everything before it (reading a large flow stays linear).
    starts: Vec<usize>,
}

#[cfg(feature = "toml")]
impl Lines<'_> {
    fn new(src: &str) -> Lines<'_> {
        let starts = std::iter::once(0)
            .chain(src.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { src, starts }
    }

    fn pos(&self, offset: usize) -> Pos {
        let offset = offset.min(self.src.len());
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let col = self.src.get(start..offset).map_or(0, |l| l.chars().count()) as u32 + 1;
        Pos {
            line: line as u32,
            col,
        }
    }

    fn span(&self, span: Option<std::ops::Range<usize>>) -> Option<Pos> {
        span.map(|r| self.pos(r.start))
    }
}

/// Parses TOML into a [`Node`] tree with positions. A syntax error comes back as an
/// [`crate::Error`] pointing at the offending place.
#[cfg(feature = "toml")]
pub fn from_toml(src: &str) -> Result<Node, crate::Error> {
    use crate::{Error, ErrorKind};
    let lines = Lines::new(src);
    let doc = toml_edit::ImDocument::parse(src).map_err(|e| Error {
        pos: lines.span(e.span()),
        kind: ErrorKind::Syntax,
        message: format!("this is not valid TOML: {}", e.message().trim()),
        help: "check quotes, brackets and that each key is written once per table".into(),
    })?;
    Ok(table(&lines, doc.as_table(), None))
}

#[cfg(feature = "toml")]
fn table(lines: &Lines, t: &toml_edit::Table, pos: Option<Pos>) -> Node {
    let mut entries = Vec::new();
    for (k, _) in t.iter() {
        let (key, item) = t.get_key_value(k).expect("key from iter");
        entries.push((
            k.to_string(),
            lines.span(key.span()),
            item_node(lines, item, lines.span(key.span())),
        ));
    }
    Node {
        value: Value::Table(entries),
        pos: pos.or_else(|| lines.span(t.span())),
    }
}

#[cfg(feature = "toml")]
fn item_node(lines: &Lines, item: &toml_edit::Item, key_pos: Option<Pos>) -> Node {
    use toml_edit::Item;
    match item {
        Item::None => Node {
            value: Value::Table(Vec::new()),
            pos: key_pos,
        },
        Item::Value(v) => value_node(lines, v),
        Item::Table(t) => table(lines, t, lines.span(t.span()).or(key_pos)),
        Item::ArrayOfTables(a) => Node {
            value: Value::Array(a.iter().map(|t| table(lines, t, None)).collect()),
            pos: lines.span(a.span()).or(key_pos),
        },
    }
}

#[cfg(feature = "toml")]
fn value_node(lines: &Lines, v: &toml_edit::Value) -> Node {
    use toml_edit::Value as V;
    let pos = lines.span(v.span());
    let value = match v {
        V::String(s) => Value::Str(s.value().clone()),
        V::Integer(i) => Value::Int(*i.value()),
        V::Float(f) => Value::Float(*f.value()),
        V::Boolean(b) => Value::Bool(*b.value()),
        V::Datetime(d) => Value::Str(d.value().to_string()),
        V::Array(a) => Value::Array(a.iter().map(|v| value_node(lines, v)).collect()),
        V::InlineTable(t) => {
            let mut entries = Vec::new();
            for (k, _) in t.iter() {
                let (key, item) = t.get_key_value(k).expect("key from iter");
                let key_pos = lines.span(key.span());
                entries.push((k.to_string(), key_pos, item_node(lines, item, key_pos)));
            }
            Value::Table(entries)
        }
    };
    Node { value, pos }
}

/// Parses JSON with the same schema as the TOML (what `selfcheck json` writes) into a
/// [`Node`] tree with positions. Hand-written, so the engine needs no JSON crate.
pub fn from_json(src: &str) -> Result<Node, crate::Error> {
    let starts = std::iter::once(0)
        .chain(src.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let mut p = Json { src, at: 0, starts };
    p.ws();
    let node = p.value(0)?;
    p.ws();
    if p.at < src.len() {
        return Err(p.error("unexpected text after the end of the JSON value"));
    }
    Ok(node)
}

struct Json<'a> {
    src: &'a str,
    at: usize,
    /// The byte offset where each line starts, for positions by binary search.
    starts: Vec<usize>,
}

/// Deeper nesting than any flow needs is refused rather than overflowing the stack.
const MAX_DEPTH: usize = 64;

impl Json<'_> {
    fn pos(&self) -> Pos {
        let line = self.starts.partition_point(|&s| s <= self.at);
        let start = self.starts[line - 1];
        let col = self
            .src
            .get(start..self.at)
            .map_or(0, |l| l.chars().count()) as u32
            + 1;
        Pos {
            line: line as u32,
            col,
        }
    }

    /// The four hex digits of a `\\u` escape.
    fn hex4(&mut self) -> Result<u32, crate::Error> {
        let hex = self
            .src
            .get(self.at..self.at + 4)
            .ok_or_else(|| self.error("a short \\u escape"))?;
        let code =
            u32::from_str_radix(hex, 16).map_err(|_| self.error("a malformed \\u escape"))?;
        self.at += 4;
        Ok(code)
    }

    fn error(&self, what: &str) -> crate::Error {
        crate::Error {
            pos: Some(self.pos()),
            kind: crate::ErrorKind::Syntax,
            message: format!("this is not valid JSON: {what}"),
            help: "write the file with `selfcheck json`, or check commas, quotes and brackets"
                .into(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.src.as_bytes().get(self.at).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, c: u8) -> Result<(), crate::Error> {
        self.ws();
        if self.peek() == Some(c) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.error(&format!("expected `{}`", c as char)))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, crate::Error> {
        self.ws();
        if depth > MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        let pos = Some(self.pos());
        let value = match self.peek() {
            Some(b'{') => {
                self.at += 1;
                let mut entries = Vec::new();
                self.ws();
                if self.peek() == Some(b'}') {
                    self.at += 1;
                } else {
                    loop {
                        self.ws();
                        let key_pos = Some(self.pos());
                        let key = self.string()?;
                        self.eat(b':')?;
                        let v = self.value(depth + 1)?;
                        entries.push((key, key_pos, v));
                        self.ws();
                        match self.peek() {
                            Some(b',') => self.at += 1,
                            Some(b'}') => {
                                self.at += 1;
                                break;
                            }
                            _ => return Err(self.error("expected `,` or `}`")),
                        }
                    }
                }
                Value::Table(entries)
            }
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                self.ws();
                if self.peek() == Some(b']') {
                    self.at += 1;
                } else {
                    loop {
                        items.push(self.value(depth + 1)?);
                        self.ws();
                        match self.peek() {
                            Some(b',') => self.at += 1,
                            Some(b']') => {
                                self.at += 1;
                                break;
                            }
                            _ => return Err(self.error("expected `,` or `]`")),
                        }
                    }
                }
                Value::Array(items)
            }
            Some(b'"') => Value::Str(self.string()?),
            Some(b't') if self.src[self.at..].starts_with("true") => {
                self.at += 4;
                Value::Bool(true)
            }
            Some(b'f') if self.src[self.at..].starts_with("false") => {
                self.at += 5;
                Value::Bool(false)
            }
            Some(b'n') if self.src[self.at..].starts_with("null") => {
                return Err(self.error("`null` is not a value a flow uses; leave the field out"))
            }
            Some(b'-' | b'0'..=b'9') => {
                let start = self.at;
                while matches!(
                    self.peek(),
                    Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                ) {
                    self.at += 1;
                }
                let text = &self.src[start..self.at];
                match text.parse::<i64>() {
                    Ok(i) => Value::Int(i),
                    Err(_) => {
                        Value::Float(text.parse().map_err(|_| self.error("a malformed number"))?)
                    }
                }
            }
            _ => return Err(self.error("expected a value")),
        };
        Ok(Node { value, pos })
    }

    fn string(&mut self) -> Result<String, crate::Error> {
        if self.peek() != Some(b'"') {
            return Err(self.error("expected a string in double quotes"));
        }
        self.at += 1;
        let mut out = String::new();
        loop {
            let rest = &self.src[self.at..];
            let Some(c) = rest.chars().next() else {
                return Err(self.error("a string is not closed"));
            };
            self.at += c.len_utf8();
            match c {
                '"' => return Ok(out),
                '\\' => {
                    let Some(e) = self.src[self.at..].chars().next() else {
                        return Err(self.error("a string is not closed"));
                    };
                    self.at += e.len_utf8();
                    match e {
                        '"' | '\\' | '/' => out.push(e),
                        'n' => out.push('\n'),
                        't' => out.push('\t'),
                        'r' => out.push('\r'),
                        'b' => out.push('\u{8}'),
                        'f' => out.push('\u{c}'),
                        'u' => {
                            let code = self.hex4()?;
                            // A high surrogate followed by `\\u` and a low one is one
                            // character (an emoji, say); a lone surrogate becomes U+FFFD.
                            let code = if (0xd800..0xdc00).contains(&code)
                                && self.src[self.at..].starts_with("\\u")
                            {
                                let save = self.at;
                                self.at += 2;
                                match self.hex4()? {
                                    low @ 0xdc00..0xe000 => {
                                        0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00)
                                    }
                                    _ => {
                                        self.at = save;
                                        code
                                    }
                                }
                            } else {
                                code
                            };
                            out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                        }
                        _ => return Err(self.error("an unknown escape in a string")),
                    }
                }
                c if (c as u32) < 0x20 => {
                    return Err(self.error("a control character inside a string"))
                }
                c => out.push(c),
            }
        }
    }
}

/// Writes a [`Node`] tree as JSON (positions are dropped).
pub fn to_json(node: &Node) -> String {
    fn write(out: &mut String, node: &Node, indent: usize) {
        let pad = "  ".repeat(indent + 1);
        let end = "  ".repeat(indent);
        match &node.value {
            Value::Str(s) => json_string(out, s),
            Value::Int(i) => out.push_str(&i.to_string()),
            Value::Float(f) => out.push_str(&f.to_string()),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Array(items) if items.is_empty() => out.push_str("[]"),
            Value::Array(items) => {
                out.push_str("[\n");
                for (i, item) in items.iter().enumerate() {
                    out.push_str(&pad);
                    write(out, item, indent + 1);
                    out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
                }
                out.push_str(&end);
                out.push(']');
            }
            Value::Table(entries) if entries.is_empty() => out.push_str("{}"),
            Value::Table(entries) => {
                out.push_str("{\n");
                for (i, (k, _, v)) in entries.iter().enumerate() {
                    out.push_str(&pad);
                    json_string(out, k);
                    out.push_str(": ");
                    write(out, v, indent + 1);
                    out.push_str(if i + 1 < entries.len() { ",\n" } else { "\n" });
                }
                out.push_str(&end);
                out.push('}');
            }
        }
    }
    let mut out = String::new();
    write(&mut out, node, 0);
    out.push('\n');
    out
}
