//! The `selfcheck` binary run on fixture files, its output and exit code compared in full
//! with the expectation written beside each case.
//!
//! Paths are given relative to the crate directory, where the binary runs, so messages
//! name files the way an author would type them.

use std::path::Path;
use std::process::Command;

const DEFAULT: &str = "../../flows/default.toml";
const SMALL: &str = "tests/fixtures/small.toml";
const DANGLING: &str = "tests/fixtures/dangling.toml";
const UNSAFE: &str = "tests/fixtures/unsafe.toml";

/// What a run printed and how it exited.
#[derive(Debug, PartialEq)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn selfcheck(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_selfcheck"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run selfcheck");
    Run {
        code: out.status.code().expect("exited"),
        stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
    }
}

/// Compares a run with the expectation and, when they differ, prints what ran in full so
/// it can be pasted back as the new expectation after reading it.
#[track_caller]
fn check(args: &[&str], code: i32, stdout: &str, stderr: &str) {
    let got = selfcheck(args);
    let want = Run {
        code,
        stdout: stdout.to_string(),
        stderr: stderr.to_string(),
    };
    if got != want {
        panic!(
            "selfcheck {}\n--- exit code: {} (expected {code})\n--- stdout:\n{}\n--- stderr:\n{}\n--- expected stdout:\n{stdout}\n--- expected stderr:\n{stderr}",
            args.join(" "),
            got.code,
            got.stdout,
            got.stderr
        );
    }
}

/// The `check` line for the default flow, from the engine's own count of its paths.
const DEFAULT_OK: &str = "../../flows/default.toml: ok — 30298 paths, longest 11 questions, every danger answer reaches emergency help\n";

#[test]
fn check_passes_the_default_flow() {
    check(&["check", DEFAULT], 0, DEFAULT_OK, "");
}

#[test]
fn check_points_at_a_dangling_reference() {
    check(
        &["check", DANGLING],
        1,
        "",
        r#"error[dangling]: "adults" names no question or outcome in this flow
  --> tests/fixtures/dangling.toml:80:8
   |
80 | next = "adults"
   |        ^^^^^^^^
   = help: did you mean "adult"?

tests/fixtures/dangling.toml: failed — 1 error
"#,
    );
}

#[test]
fn check_refuses_a_danger_answer_routed_to_self_care() {
    check(
        &["check", UNSAFE],
        1,
        "",
        r#"error[unsafe]: the danger answer "emergency.yes" can end at outcome "ordinary" (self-care), not at emergency help: danger=no adult=yes illness=no emergency=yes
   --> tests/fixtures/unsafe.toml:139:6
    |
139 | id = "yes"
    |      ^^^^^
    = help: route every path through a danger answer to an outcome with urgency = "emergency"

tests/fixtures/unsafe.toml: failed — 1 error
"#,
    );
}

#[test]
fn check_reports_every_file_and_the_worst_exit_code() {
    let run = selfcheck(&["check", DANGLING, DEFAULT, SMALL]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        format!("{DEFAULT_OK}tests/fixtures/small.toml: ok — 8 paths, longest 3 questions, every danger answer reaches emergency help\n")
    );
    assert!(run.stderr.contains("error[dangling]"), "{}", run.stderr);

    let run = selfcheck(&["check", DEFAULT, "tests/fixtures/missing.toml", UNSAFE]);
    assert_eq!(run.code, 2, "a file that cannot be read is an I/O error");
    assert_eq!(run.stdout, DEFAULT_OK);
    assert!(run
        .stderr
        .starts_with("error: cannot read tests/fixtures/missing.toml: "));
    assert!(run.stderr.contains("error[unsafe]"), "{}", run.stderr);
}

#[test]
fn check_reports_syntax_errors_in_toml() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let file = dir.join("syntax.toml");
    std::fs::write(&file, "[flow]\nid = \"x\ntitle = \"t\"\n").expect("write");
    let name = file.to_str().expect("utf-8 path");
    check(
        &["check", name],
        1,
        "",
        &format!(
            r#"error[syntax]: this is not valid TOML: invalid basic string
 --> {name}:2:8
  |
2 | id = "x
  |        ^
  = help: check quotes, brackets and that each key is written once per table

{name}: failed — 1 error
"#
        ),
    );
}

#[test]
fn paths_of_the_default_flow_match_the_engine_snapshot() {
    let run = selfcheck(&["paths", DEFAULT, "--ticked", "2"]);
    let want = include_str!("../../flow/tests/default-paths.txt");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "30298 paths; 7318 listed (at most 2 answers ticked per question)\n"
    );
    if run.stdout != want {
        let diff: Vec<String> = run
            .stdout
            .lines()
            .zip(want.lines().chain(std::iter::repeat("")))
            .filter(|(g, w)| g != w)
            .take(5)
            .map(|(g, w)| format!("- {w}\n+ {g}"))
            .collect();
        panic!("the paths differ from the snapshot:\n{}", diff.join("\n"));
    }
}

#[test]
fn paths_of_a_small_flow() {
    check(
        &["paths", SMALL],
        0,
        "\
danger=yes => help-now (emergency): together
danger=threat => help-now (emergency): together
danger=unsure => soon (urgent): together
danger=no mood=low => self-care (self-care): together
danger=no mood=tired sleep=yes => talk (support): rest together
danger=no mood=tired sleep=no => self-care (self-care): rest together
danger=no mood=low+tired => talk (support): rest together
danger=no mood=none => self-care (self-care): together
",
        "8 paths\n",
    );
    check(
        &["paths", SMALL, "--max", "5"],
        1,
        "",
        "error: tests/fixtures/small.toml has 8 paths, more than --max 5\n",
    );
}

#[test]
fn graph_mermaid() {
    check(
        &["graph", SMALL],
        0,
        r##"flowchart TD
    %% small 0.1.0, drawn by `selfcheck graph`
    q_danger["danger<br>Is anyone in #quot;danger#quot; right now?"]
    q_mood["mood<br>Which of these describe the last two…"]
    q_sleep["sleep<br>Do you sleep badly?"]
    o_help_now(["help-now<br>Get help now"])
    o_soon(["soon<br>Check in soon"])
    o_talk(["talk<br>Consider talking to someone"])
    o_self_care(["self-care<br>Look after yourself"])
    q_danger ==>|"yes, threat"| o_help_now
    q_danger -->|"unsure"| o_soon
    q_danger -->|"no"| q_mood
    q_mood -->|"when score(mood) ≥ 3"| o_talk
    q_mood -->|"when mood.tired and not mood.low"| q_sleep
    q_mood -->|"otherwise"| o_self_care
    q_sleep -->|"yes"| o_talk
    q_sleep -->|"no"| o_self_care
    classDef emergency fill:#f8d7da,stroke:#b02a37,color:#58151c
    classDef urgent fill:#ffe5d0,stroke:#ca6510,color:#5c2c06
    classDef support fill:#cfe2ff,stroke:#0a58ca,color:#052c65
    classDef selfcare fill:#d1e7dd,stroke:#146c43,color:#0a3622
    class o_help_now emergency
    class o_soon urgent
    class o_talk support
    class o_self_care selfcare
"##,
        "",
    );
}

#[test]
fn graph_dot() {
    check(
        &["graph", SMALL, "--format=dot"],
        0,
        r##"digraph "small" {
    // small 0.1.0, drawn by `selfcheck graph`
    rankdir=TB;
    node [shape=box, fontname="Helvetica", fontsize=11];
    edge [fontname="Helvetica", fontsize=10];
    q_danger [label="danger\nIs anyone in \"danger\" right now?"];
    q_mood [label="mood\nWhich of these describe the last two…"];
    q_sleep [label="sleep\nDo you sleep badly?"];
    o_help_now [label="help-now\nGet help now", style="rounded,filled", fillcolor="#f8d7da", color="#b02a37", fontcolor="#58151c"];
    o_soon [label="soon\nCheck in soon", style="rounded,filled", fillcolor="#ffe5d0", color="#ca6510", fontcolor="#5c2c06"];
    o_talk [label="talk\nConsider talking to someone", style="rounded,filled", fillcolor="#cfe2ff", color="#0a58ca", fontcolor="#052c65"];
    o_self_care [label="self-care\nLook after yourself", style="rounded,filled", fillcolor="#d1e7dd", color="#146c43", fontcolor="#0a3622"];
    q_danger -> o_help_now [label="yes, threat", penwidth=2.5];
    q_danger -> o_soon [label="unsure"];
    q_danger -> q_mood [label="no"];
    q_mood -> o_talk [label="when score(mood) ≥ 3"];
    q_mood -> q_sleep [label="when mood.tired and not mood.low"];
    q_mood -> o_self_care [label="otherwise"];
    q_sleep -> o_talk [label="yes"];
    q_sleep -> o_self_care [label="no"];
}
"##,
        "",
    );
}

#[test]
fn graph_of_the_default_flow_has_every_node_and_a_fallback_without_alternatives() {
    let run = selfcheck(&["graph", DEFAULT]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for line in [
        "    q_danger ==>|\"harm-self, talks-death, burden\"| o_get_help_now\n",
        "    q_danger ==>|\"harm-others, threat\"| o_danger_to_others\n",
        "    q_danger ==>|\"medical\"| o_medical_emergency\n",
        "    q_danger -->|\"not-sure, no\"| q_adult\n",
        "    q_adult -->|\"any answer\"| q_check_danger\n",
        "    q_check_danger -->|\"when check-danger.self-harm and adult.yes\"| o_get_help_now\n",
        "    q_check_danger -->|\"otherwise\"| q_home_safety\n",
        "    q_home_safety -->|\"when adult.no and home-safety.hurt-by-other\"| o_child_protection\n",
        "    q_home_safety -->|\"not-sure, no\"| q_emergency\n",
        "    q_emergency ==>|\"health\"| o_medical_emergency\n",
        "    q_emergency ==>|\"mind\"| o_mental_health_emergency\n",
        "    q_illness -->|\"when adult.no\"| o_minor\n",
        "    q_feelings -->|\"any answer\"| q_coping\n",
        "    q_reaction -->|\"when coping.badly or feelings.helpless or (feelings.sad and feelings.angry)\"| o_ordinary_support\n",
        "    q_reaction -->|\"otherwise\"| o_ordinary\n",
        "    class o_get_help_now,o_mental_health_emergency,o_danger_to_others,o_medical_emergency emergency\n",
        "    class o_abuse_at_home,o_abuse_of_loved_one,o_child_protection,o_housing_crisis,o_minor,o_serious_illness,o_substance_use,o_gambling urgent\n",
    ] {
        assert!(run.stdout.contains(line), "missing {line}in\n{}", run.stdout);
    }
    assert_eq!(
        selfcheck(&["graph", DEFAULT]),
        run,
        "the output is deterministic"
    );
}

#[test]
fn render_a_danger_answer_says_get_help_now() {
    let run = selfcheck(&["render", DEFAULT, "--answers", "danger=harm-self"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("Get help now\n\nTheir life may be at risk\n"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("call 999"), "no region, no numbers");
    let run = selfcheck(&[
        "render",
        DEFAULT,
        "--answers",
        "danger=harm-self",
        "--region",
        "gb",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("- Emergency services: call 999\n"),
        "the region's contacts, as the visitor's copy has them: {}",
        run.stdout
    );
    let run = selfcheck(&[
        "render",
        DEFAULT,
        "--answers",
        "danger=no,adult=yes,check-danger=none,home-safety=no,emergency=health",
        "--lang",
        "es",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("Pide ayuda ahora\n\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn render_a_small_flow_in_full() {
    // Answers may come in any order, separated by commas or spaces as `paths` prints them.
    // The engine's take-away text: what a visitor copies or downloads. No --region, so
    // no contacts are listed.
    let want = "\
Consider support when you are ready

Consider talking to someone
It sounds like a lot. Talking can help.
- a doctor
- a counsellor (https://example.org/find)

Rest
Keep regular hours.

You are not alone
Many people feel this way at times.

This is not a diagnosis.
";
    check(
        &["render", SMALL, "--answers", "mood=low+tired,danger=no"],
        0,
        want,
        "",
    );
    check(
        &["render", SMALL, "--answers=danger=no mood=tired sleep=yes"],
        0,
        want,
        "",
    );
}

#[test]
fn render_explains_answers_that_do_not_fit() {
    let cases = [
        (
            "danger=maybe",
            "question \"danger\" has no answer \"maybe\"; its answers are: yes, threat, unsure, no",
        ),
        (
            "danger=no,feelings=low",
            "the flow has no question \"feelings\"; its questions are: danger, mood, sleep",
        ),
        (
            "danger=no",
            "the answers stop before an outcome: the flow asks \"mood\" after \"danger\"; add mood=<low|tired|none>",
        ),
        (
            "danger=no,sleep=yes",
            "question \"mood\" is skipped: the flow asks \"mood\" after \"danger\"; add mood=<low|tired|none>",
        ),
        (
            "danger=unsure,mood=low",
            "the flow never asks \"mood\" on this path: it reached outcome \"soon\" after danger; remove mood=…",
        ),
        (
            "danger=no,mood=low+none",
            "answer \"none\" of question \"mood\" cannot be combined with others",
        ),
        (
            "danger=yes+no",
            "question \"danger\" takes one answer, but \"yes+no\" gives 2",
        ),
        ("danger=no,danger=yes", "\"danger\" is answered twice"),
        (
            "danger",
            "\"danger\" is not an answer: write question=answer, e.g. danger=no",
        ),
    ];
    for (answers, message) in cases {
        check(
            &["render", SMALL, "--answers", answers],
            1,
            "",
            &format!("error: {message}\n"),
        );
    }
}

#[test]
fn json_round_trips_through_check() {
    let run = selfcheck(&["json", DEFAULT]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run
        .stdout
        .starts_with("{\n  \"flow\": {\n    \"id\": \"loved-one-rejects-help\",\n"));
    assert!(!run.stdout.contains('<'), "safe inside a <script> element");

    let file = Path::new(env!("CARGO_TARGET_TMPDIR")).join("default.json");
    std::fs::write(&file, &run.stdout).expect("write");
    let name = file.to_str().expect("utf-8 path");
    check(
        &["check", name],
        0,
        &DEFAULT_OK.replace("../../flows/default.toml", name),
        "",
    );
    let paths = selfcheck(&["paths", name]);
    assert_eq!(paths.stdout, selfcheck(&["paths", DEFAULT]).stdout);

    // A JSON flow is checked with the same messages, pointing into the JSON.
    let broken = run
        .stdout
        .replacen("\"next\": \"adult\"", "\"next\": \"adults\"", 1);
    let line = broken
        .lines()
        .position(|l| l.contains("\"adults\""))
        .expect("replaced")
        + 1;
    // The gutter is as wide as the line number.
    let pad = " ".repeat(line.to_string().len());
    let file = Path::new(env!("CARGO_TARGET_TMPDIR")).join("dangling.json");
    std::fs::write(&file, &broken).expect("write");
    let name = file.to_str().expect("utf-8 path");
    check(
        &["check", name],
        1,
        "",
        &format!(
            r#"error[dangling]: "adults" names no question or outcome in this flow
{pad}--> {name}:{line}:19
{pad} |
{line} |           "next": "adults"
{pad} |                   ^^^^^^^^
{pad} = help: did you mean "adult"?

{name}: failed — 1 error
"#
        ),
    );
}

#[test]
fn json_refuses_an_invalid_flow() {
    let run = selfcheck(&["json", UNSAFE]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.starts_with("error[unsafe]: "), "{}", run.stderr);
}

#[test]
fn usage() {
    let help = selfcheck(&["--help"]);
    assert_eq!(help.code, 0);
    assert!(help
        .stdout
        .starts_with("selfcheck — check, list, draw and render"));
    assert_eq!(selfcheck(&["help"]), help);
    assert_eq!(selfcheck(&["graph", "--help"]), help);

    let hint = "Run `selfcheck help` for usage.\n";
    let cases: [(&[&str], &str); 8] = [
        (&[], "no command given"),
        (&["draw", SMALL], "unknown command \"draw\""),
        (&["check"], "`check` needs at least one FILE"),
        (&["paths", SMALL, DEFAULT], "`paths` takes one FILE"),
        (
            &["graph", SMALL, "--format", "png"],
            "--format is mermaid or dot, not \"png\"",
        ),
        (
            &["graph", SMALL, "--lang", "es"],
            "unknown option \"--lang\"",
        ),
        (&["render", SMALL], "`render` needs --answers q1=a,q2=b+c"),
        (
            &["render", SMALL, "--answers", "danger=yes", "--lang", "fr"],
            "tests/fixtures/small.toml has no language \"fr\"; it has: en",
        ),
    ];
    for (args, message) in cases {
        check(args, 2, "", &format!("error: {message}\n{hint}"));
    }
}

/// Every CLI command the README shows runs and succeeds as written (from the repository's
/// root), so the README cannot drift from the flow or the options.
#[test]
fn the_readme_s_cli_commands_run() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let out = std::env::temp_dir().join(format!("selfcheck-readme-{}", std::process::id()));
    let mut ran = 0;
    for line in readme.lines() {
        let Some(command) = line.strip_prefix("cargo run -p selfcheck-cli -- ") else {
            continue;
        };
        let command = command.split('#').next().unwrap_or_default();
        let mut args: Vec<String> = command.split_whitespace().map(String::from).collect();
        // `pack --out DIR` writes into a temporary folder, not the build's.
        if let Some(i) = args.iter().position(|a| a == "--out") {
            args[i + 1] = out.display().to_string();
        }
        let run = Command::new(env!("CARGO_BIN_EXE_selfcheck"))
            .args(&args)
            .current_dir(&root)
            .output()
            .expect("run selfcheck");
        assert!(
            run.status.success(),
            "README: selfcheck {command}\n{}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert!(
            !run.stdout.is_empty(),
            "README: selfcheck {command} printed nothing"
        );
        if args[0] == "pack" {
            // Each pack has its first screen beside it.
            let names: Vec<String> = std::fs::read_dir(&out)
                .expect("pack wrote its folder")
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .collect();
            let packs: Vec<&String> = names.iter().filter(|n| n.ends_with(".pack")).collect();
            assert!(
                !packs.is_empty(),
                "README: selfcheck {command} wrote no pack"
            );
            for p in packs {
                let screen = p.replace(".pack", ".screen.json");
                assert!(names.contains(&screen), "{p} has no {screen} beside it");
            }
        }
        ran += 1;
    }
    assert!(
        ran >= 6,
        "the README shows the CLI's commands ({ran} found)"
    );
    let _ = std::fs::remove_dir_all(&out);
}

/// `selfcheck check` runs the build's whole pipeline, lint included: a flow the compiler and
/// the proof accept but the safety lint refuses fails here as it fails the build.
#[test]
fn check_fails_a_flow_the_build_s_lint_rejects() {
    const LINT: &str = "tests/fixtures/lint.toml";
    let src = std::fs::read_to_string(LINT).unwrap();
    assert!(
        selfcheck_flow::compile_toml(&src).is_ok(),
        "the fixture must pass the compiler and the proof, so only the lint can fail it"
    );
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    let today = selfcheck_flow::contacts::today(now.as_secs());
    let data = selfcheck_flow::pipeline::Data::repository(&today).unwrap();
    let built = selfcheck_flow::pipeline::build_all(&[(LINT.to_string(), src)], &data);
    assert!(built.is_err(), "the build refuses the fixture");
    let run = selfcheck(&["check", LINT]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("error[safety-lint]")
            && run.stderr.contains("tests/fixtures/lint.toml:"),
        "{}",
        run.stderr
    );
    // Every other command checks the same way: none of them works on a flow the build refuses.
    for cmd in ["paths", "graph", "json", "facts"] {
        assert_eq!(selfcheck(&[cmd, LINT]).code, 1, "selfcheck {cmd}");
    }
}
