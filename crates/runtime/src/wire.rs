//! A small binary form for compiled flows and the crisis directory: `build.rs` writes it,
//! the widget reads it. Hand-written instead of serde so that the browser bundle carries
//! no serialisation framework; a malformed input reads as `None`, never a panic.

use crate::contacts::{Audience, Contact, ContactKind, Directory, Region};
use crate::model::*;
use crate::rich::{Block, Inline, Rich};
use crate::ui::{Dir, Ui};

/// A value that can be written to and read from the binary form.
pub trait Wire: Sized {
    /// Appends the value's binary form to `out`.
    fn put(&self, out: &mut Vec<u8>);
    /// Reads one value; `None` if the bytes are malformed or run out.
    fn take(r: &mut Reader<'_>) -> Option<Self>;
}

/// The bytes of an input not yet read.
pub struct Reader<'a> {
    bytes: &'a [u8],
    /// How many conditions enclose the one being read: checked as it is read, so a crafted
    /// nesting of 100,000 `not`s stops at [`MAX_COND_DEPTH`] instead of overflowing the
    /// stack (reading a condition recurses, and so would dropping it).
    depth: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.bytes.split_first()?;
        self.bytes = rest;
        Some(b)
    }
}

/// Writes `value` in the binary form.
pub fn encode<T: Wire>(value: &T) -> Vec<u8> {
    let mut out = Vec::new();
    value.put(&mut out);
    out
}

/// Reads a whole value; `None` if the bytes are malformed or have trailing data.
pub fn decode<T: Wire>(bytes: &[u8]) -> Option<T> {
    let mut r = Reader { bytes, depth: 0 };
    let value = T::take(&mut r)?;
    r.bytes.is_empty().then_some(value)
}

impl Wire for u64 {
    fn put(&self, out: &mut Vec<u8>) {
        let mut v = *self;
        while v >= 0x80 {
            out.push(v as u8 | 0x80);
            v >>= 7;
        }
        out.push(v as u8);
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = r.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(v);
            }
        }
        None
    }
}

impl Wire for usize {
    fn put(&self, out: &mut Vec<u8>) {
        (*self as u64).put(out);
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        usize::try_from(u64::take(r)?).ok()
    }
}

impl Wire for u32 {
    fn put(&self, out: &mut Vec<u8>) {
        u64::from(*self).put(out);
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        u32::try_from(u64::take(r)?).ok()
    }
}

impl Wire for i32 {
    fn put(&self, out: &mut Vec<u8>) {
        (((*self << 1) ^ (*self >> 31)) as u32).put(out);
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        let v = u32::take(r)?;
        Some((v >> 1) as i32 ^ -((v & 1) as i32))
    }
}

impl Wire for bool {
    fn put(&self, out: &mut Vec<u8>) {
        out.push(u8::from(*self));
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        match r.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

impl Wire for String {
    fn put(&self, out: &mut Vec<u8>) {
        self.len().put(out);
        out.extend_from_slice(self.as_bytes());
    }
    // One copy for every string field of every struct: inlined, it cost the widget ~1 KB.
    #[inline(never)]
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        let len = usize::take(r)?;
        if len > r.bytes.len() {
            return None;
        }
        let (s, rest) = r.bytes.split_at(len);
        r.bytes = rest;
        String::from_utf8(s.to_vec()).ok()
    }
}

impl<T: Wire> Wire for Vec<T> {
    fn put(&self, out: &mut Vec<u8>) {
        self.len().put(out);
        self.iter().for_each(|v| v.put(out));
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        let len = usize::take(r)?;
        // Every element takes at least one byte: a length beyond the input is malformed.
        if len > r.bytes.len() {
            return None;
        }
        (0..len).map(|_| T::take(r)).collect()
    }
}

impl<T: Wire> Wire for Option<T> {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            None => out.push(0),
            Some(v) => {
                out.push(1);
                v.put(out);
            }
        }
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        match r.byte()? {
            0 => Some(None),
            1 => Some(Some(T::take(r)?)),
            _ => None,
        }
    }
}

impl<A: Wire, B: Wire> Wire for (A, B) {
    fn put(&self, out: &mut Vec<u8>) {
        self.0.put(out);
        self.1.put(out);
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        Some((A::take(r)?, B::take(r)?))
    }
}

impl<T: Wire> Wire for std::rc::Rc<T> {
    fn put(&self, out: &mut Vec<u8>) {
        (**self).put(out);
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        T::take(r).map(std::rc::Rc::new)
    }
}

impl<T: Wire> Wire for Box<T> {
    fn put(&self, out: &mut Vec<u8>) {
        (**self).put(out);
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        T::take(r).map(Box::new)
    }
}

/// Implements [`Wire`] for a struct, field by field in order.
macro_rules! wire_struct {
    ($ty:ident { $($field:ident),* }) => {
        impl Wire for $ty {
            fn put(&self, out: &mut Vec<u8>) {
                $(self.$field.put(out);)*
            }
            fn take(r: &mut Reader<'_>) -> Option<Self> {
                Some($ty { $($field: Wire::take(r)?),* })
            }
        }
    };
}

/// Implements [`Wire`] for a tuple struct with one field.
macro_rules! wire_newtype {
    ($ty:ident) => {
        impl Wire for $ty {
            fn put(&self, out: &mut Vec<u8>) {
                self.0.put(out);
            }
            fn take(r: &mut Reader<'_>) -> Option<Self> {
                Some($ty(Wire::take(r)?))
            }
        }
    };
}

/// Implements [`Wire`] for an enum without data, as one byte.
macro_rules! wire_unit_enum {
    ($ty:ident { $($variant:ident = $tag:literal),* }) => {
        impl Wire for $ty {
            fn put(&self, out: &mut Vec<u8>) {
                out.push(match self { $($ty::$variant => $tag),* });
            }
            fn take(r: &mut Reader<'_>) -> Option<Self> {
                match r.byte()? { $($tag => Some($ty::$variant),)* _ => None }
            }
        }
    };
}

wire_newtype!(Text);
wire_newtype!(RichText);
wire_newtype!(Rich);
wire_struct!(Flow {
    id,
    version,
    languages,
    title,
    intro,
    disclaimer,
    start,
    questions,
    outcomes,
    advice,
    depth,
    instrument,
    screens
});
wire_struct!(Instrument {
    name,
    licence,
    source,
    attribution,
    items,
    max,
    bands
});
wire_struct!(Band { from, to, label });
wire_struct!(Question {
    id,
    kind,
    text,
    help,
    answers,
    routes,
    next
});
wire_struct!(Answer {
    id,
    text,
    danger,
    urgent,
    topics,
    exclusive,
    score,
    next
});
wire_struct!(Route { when, to });
wire_struct!(Outcome {
    id,
    urgency,
    title,
    summary,
    contacts,
    topics
});
wire_struct!(Advice {
    id,
    outcomes,
    when,
    title,
    body
});
wire_struct!(Directory { languages, regions });
wire_struct!(Region {
    code,
    aliases,
    name,
    contacts
});
wire_struct!(Contact {
    kind,
    audience,
    name,
    number,
    tel,
    sms,
    sms_keyword,
    note,
    checked
});
wire_struct!(Ui {
    lang,
    name,
    dir,
    language,
    continue_,
    back,
    start_again,
    change,
    your_answers,
    choose_one,
    choose_some,
    select_all,
    error_prefix,
    progress,
    danger_lead,
    call,
    text,
    call_or_text,
    text_keyword,
    local_emergency,
    emergency_numbers,
    emergency_112,
    region_prompt,
    call_now,
    region,
    leave,
    leave_hint,
    privacy,
    result_for,
    contacts_heading,
    practice_lead,
    print,
    copy,
    download,
    file_name,
    broken_title,
    broken_body,
    broken_author,
    crashed,
    score,
    band,
    points,
    point,
    no_score,
    urgency_heading,
    urgency_label
});
wire_unit_enum!(Kind { Single = 0, Multiple = 1 });
wire_unit_enum!(Urgency { Emergency = 0, Urgent = 1, Support = 2, SelfCare = 3 });
wire_unit_enum!(ContactKind { Emergency = 0, Crisis = 1, Abuse = 2, Gambling = 3 });
wire_unit_enum!(Audience { Everyone = 0, Youth = 1 });
wire_unit_enum!(Dir { Ltr = 0, Rtl = 1 });
wire_unit_enum!(ContactGroup { Emergency = 0, Crisis = 1, Youth = 2, Abuse = 3, Gambling = 4 });

impl Wire for Target {
    fn put(&self, out: &mut Vec<u8>) {
        let (tag, i) = match self {
            Target::Question(i) => (0, i),
            Target::Outcome(i) => (1, i),
        };
        out.push(tag);
        i.put(out);
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        match r.byte()? {
            0 => Some(Target::Question(usize::take(r)?)),
            1 => Some(Target::Outcome(usize::take(r)?)),
            _ => None,
        }
    }
}

impl Wire for Cond {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            Cond::Chose { question, answer } => {
                out.push(0);
                question.put(out);
                answer.put(out);
            }
            Cond::All(cs) => {
                out.push(1);
                cs.put(out);
            }
            Cond::Any(cs) => {
                out.push(2);
                cs.put(out);
            }
            Cond::Not(c) => {
                out.push(3);
                c.put(out);
            }
            Cond::Score {
                questions,
                at_least,
                below,
            } => {
                out.push(4);
                questions.put(out);
                at_least.put(out);
                below.put(out);
            }
        }
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        if r.depth >= MAX_COND_DEPTH {
            return None;
        }
        r.depth += 1;
        let c = Cond::take_inner(r);
        r.depth -= 1;
        c
    }
}

impl Cond {
    /// One condition, its parts read through [`Wire::take`] (which counts the depth).
    fn take_inner(r: &mut Reader<'_>) -> Option<Self> {
        Some(match r.byte()? {
            0 => Cond::Chose {
                question: Wire::take(r)?,
                answer: Wire::take(r)?,
            },
            1 => Cond::All(Wire::take(r)?),
            2 => Cond::Any(Wire::take(r)?),
            3 => Cond::Not(Wire::take(r)?),
            4 => Cond::Score {
                questions: Wire::take(r)?,
                at_least: Wire::take(r)?,
                below: Wire::take(r)?,
            },
            _ => return None,
        })
    }
}

impl Wire for Block {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            Block::Para(p) => {
                out.push(0);
                p.put(out);
            }
            Block::List(items) => {
                out.push(1);
                items.put(out);
            }
        }
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        match r.byte()? {
            0 => Some(Block::Para(Wire::take(r)?)),
            1 => Some(Block::List(Wire::take(r)?)),
            _ => None,
        }
    }
}

impl Wire for Inline {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            Inline::Text(t) => {
                out.push(0);
                t.put(out);
            }
            Inline::Em(t) => {
                out.push(1);
                t.put(out);
            }
            Inline::Strong(t) => {
                out.push(2);
                t.put(out);
            }
            Inline::Link { label, href } => {
                out.push(3);
                label.put(out);
                href.put(out);
            }
        }
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        Some(match r.byte()? {
            0 => Inline::Text(Wire::take(r)?),
            1 => Inline::Em(Wire::take(r)?),
            2 => Inline::Strong(Wire::take(r)?),
            3 => Inline::Link {
                label: Wire::take(r)?,
                href: Wire::take(r)?,
            },
            _ => return None,
        })
    }
}
