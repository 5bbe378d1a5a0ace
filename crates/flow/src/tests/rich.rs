//! Rich text: a tree, and unsafe links refused.

use super::*;

#[test]
fn rich_text_parses_to_a_tree_and_rejects_unsafe_links() {
    let r = Rich::parse("Call *now*.\n\n- [988](tel:988)\n- **Text** us").unwrap();
    assert_eq!(
        r.0,
        vec![
            Block::Para(vec![
                Inline::Text("Call ".into()),
                Inline::Em("now".into()),
                Inline::Text(".".into())
            ]),
            Block::List(vec![
                vec![Inline::Link {
                    label: "988".into(),
                    href: "tel:988".into()
                }],
                vec![Inline::Strong("Text".into()), Inline::Text(" us".into())]
            ]),
        ]
    );
    assert_eq!(
        Rich::parse("[x](javascript:alert(1))"),
        Err(RichError::Scheme("javascript:alert(1".into()))
    );
    assert_eq!(
        Rich::parse("<script>alert(1)</script>").unwrap().plain(),
        "<script>alert(1)</script>\n",
        "markup is text, never HTML"
    );
}
