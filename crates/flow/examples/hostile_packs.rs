//! Writes packs a hostile host could serve, for the browser tests (e2e/tests/tamper.spec.mjs):
//! the default flow's English pack edited after the build and resealed (its checksum fixed),
//! each of which the widget must refuse where it runs.
//!
//!   cargo run -p selfcheck-flow --example hostile_packs -- OUT_DIR
//!
//! - `danger-to-calm.en.pack`: "They may hurt themselves" routed to the self-care outcome;
//! - `javascript-link.en.pack`: a `javascript:` link in the first outcome's summary;
//! - `question-loop.en.pack`: the second question's answers lead back to the first.

use std::rc::Rc;

use selfcheck_flow::model::{Flow, Target};
use selfcheck_flow::rich::{Block, Inline};
use selfcheck_flow::{compile_toml, data, pack};

fn main() -> Result<(), String> {
    let out = std::env::args()
        .nth(1)
        .ok_or("usage: hostile_packs OUT_DIR")?;
    let (_, src) = data::FLOWS
        .iter()
        .find(|(name, _)| *name == "default.toml")
        .ok_or("no default flow")?;
    let compiled = compile_toml(src).map_err(|e| format!("{e:?}"))?;
    let uis = data::uis()?;
    let directory = data::directory()?;
    let built = pack::assemble(&compiled.flow, "en", &uis, &directory)?;
    let write = |name: &str, edit: &dyn Fn(&mut Flow)| -> Result<(), String> {
        let mut flow = (*built.flow).clone();
        edit(&mut flow);
        let mut p = built.clone();
        p.flow = Rc::new(flow);
        std::fs::write(format!("{out}/{name}.en.pack"), pack::encode(&p)).map_err(|e| e.to_string())
    };
    let danger = built.flow.question("danger").ok_or("no danger question")?;
    let harm = built.flow.questions[danger]
        .answers
        .iter()
        .position(|a| a.id == "harm-self")
        .ok_or("no harm-self answer")?;
    let ordinary = built
        .flow
        .outcome("ordinary")
        .ok_or("no ordinary outcome")?;
    write("danger-to-calm", &|f| {
        f.questions[danger].answers[harm].next = Some(Target::Outcome(ordinary))
    })?;
    write("javascript-link", &|f| {
        f.outcomes[0].summary.0[0]
            .0
            .push(Block::Para(vec![Inline::Link {
                label: "more".to_string(),
                href: "javascript:alert(1)".to_string(),
            }]))
    })?;
    write("question-loop", &|f| {
        let second = f.questions[1].id.clone();
        let second = f.question(&second).unwrap_or(1);
        f.questions[second].routes.clear();
        for a in &mut f.questions[second].answers {
            a.next = Some(Target::Question(0));
        }
        f.questions[second].next = Some(Target::Question(0));
    })?;
    Ok(())
}
