//! `selfcheck`: the authoring CLI for selfcheck flows.
//!
//! Glue around the engine (`selfcheck-flow`): read a file, check it with the build's own
//! pipeline (`pipeline::check`: compiler, proof, verbatim locks, safety lint, with the
//! crisis directory checked for stale contacts), and print what the author asked for.
//! Every command checks its flow that way and every message comes from the engine, so this
//! tool, the widget's build and the widget itself always agree on what a valid flow is. Arguments are
//! parsed by hand to keep the tool small and quick to build.

mod facts;
mod graph;
mod render;

use std::io::Write;
use std::process::ExitCode;

use selfcheck_flow::analysis;
use selfcheck_flow::doc;
use selfcheck_flow::model::base_lang;
use selfcheck_flow::pipeline::{self, Checked, Data};

const USAGE: &str = "\
selfcheck — check, list, draw and render selfcheck triage flows

Usage:
  selfcheck check FILE… [--data DIR]            validate each flow, prove it safe and run the
                                                safety lint, exactly as the build does
  selfcheck paths FILE [--max N] [--ticked N]   list every path: answers => outcome: advice
                                               (--ticked: only paths with at most N boxes ticked per question)
  selfcheck graph FILE [--format mermaid|dot]   draw the flow (default: mermaid)
  selfcheck render FILE --answers Q=A,Q=A+B [--lang CODE] [--region CODE]
                                                print the result those answers reach, as
                                                the visitor copies or downloads it (with
                                                the region's contacts)
  selfcheck pack FILE… [--out DIR] [--data DIR] check, prove and write one pack per flow and
                                                language (<flow id>.<lang>.pack) into DIR
                                                (default: packs), for the widget to load;
                                                --data adds DIR/ui/<lang>.toml (a new
                                                language's words) and replaces the crisis
                                                directory with DIR/crisis-contacts.toml
  selfcheck json FILE                           the validated flow as JSON
  selfcheck facts FILE                          questions, outcomes and covering routes as
                                                JSON, for the browser tests
  selfcheck help                                this text

FILE is a flow in TOML (`flows/*.toml`) or in JSON (what `selfcheck json` writes).

Exit status: 0 when everything passed, 1 when a flow has errors or the answers do not fit
the flow, 2 for a usage error or a file that cannot be read.
";

/// How many paths `paths` lists unless told otherwise.
const DEFAULT_MAX_PATHS: usize = 1_000_000;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(fail) => {
            if let Some(message) = &fail.message {
                eprintln!("error: {message}");
            }
            if fail.hint {
                eprintln!("Run `selfcheck help` for usage.");
            }
            ExitCode::from(fail.code)
        }
    }
}

/// Why a command failed: the exit code and a message, unless one was printed already.
#[derive(Debug)]
struct Fail {
    code: u8,
    message: Option<String>,
    /// Whether to point at `selfcheck help`.
    hint: bool,
}

impl Fail {
    /// A flow with errors (printed already) or answers that do not fit the flow.
    fn flow(message: Option<String>) -> Fail {
        Fail {
            code: 1,
            message,
            hint: false,
        }
    }

    /// Arguments the tool does not understand.
    fn usage(message: impl Into<String>) -> Fail {
        Fail {
            code: 2,
            message: Some(message.into()),
            hint: true,
        }
    }

    /// A file that cannot be read.
    fn io(message: impl Into<String>) -> Fail {
        Fail {
            code: 2,
            message: Some(message.into()),
            hint: false,
        }
    }
}

type Result<T = ()> = std::result::Result<T, Fail>;

fn run(args: &[String]) -> Result {
    let Some((command, rest)) = args.split_first() else {
        return Err(Fail::usage("no command given"));
    };
    let opts = Opts::parse(rest)?;
    if opts.help {
        out(USAGE);
        return Ok(());
    }
    match command.as_str() {
        "help" | "-h" | "--help" => {
            out(USAGE);
            Ok(())
        }
        "-V" | "--version" => {
            out(&format!("selfcheck {}\n", env!("CARGO_PKG_VERSION")));
            Ok(())
        }
        "check" => {
            opts.only(&["data"])?;
            if opts.files.is_empty() {
                return Err(Fail::usage("`check` needs at least one FILE"));
            }
            check(&opts.files, &data(opts.value("data"))?)
        }
        "paths" => {
            opts.only(&["max", "ticked"])?;
            let number = |name: &str, default: usize| match opts.value(name) {
                None => Ok(default),
                Some(n) => n
                    .parse()
                    .map_err(|_| Fail::usage(format!("--{name} takes a number, not \"{n}\""))),
            };
            let max = number("max", DEFAULT_MAX_PATHS)?;
            let ticked = number("ticked", usize::MAX)?;
            paths(opts.file("paths")?, max, ticked)
        }
        "graph" => {
            opts.only(&["format"])?;
            let format = opts.value("format").unwrap_or("mermaid");
            let format = graph::Format::parse(format).ok_or_else(|| {
                Fail::usage(format!("--format is mermaid or dot, not \"{format}\""))
            })?;
            let checked = load(opts.file("graph")?)?;
            out(&graph::draw(checked.flow(), format));
            Ok(())
        }
        "render" => {
            opts.only(&["answers", "lang", "region"])?;
            let file = opts.file("render")?;
            let answers = opts
                .value("answers")
                .ok_or_else(|| Fail::usage("`render` needs --answers q1=a,q2=b+c"))?;
            let flow = load(file)?.into_flow();
            let lang = match opts.value("lang") {
                None => flow.languages[0].clone(),
                Some(l) if flow.languages[flow.lang(l)] == base_lang(l) => l.to_string(),
                Some(l) => {
                    return Err(Fail::usage(format!(
                        "{file} has no language \"{l}\"; it has: {}",
                        flow.languages.join(", ")
                    )))
                }
            };
            let region = opts.value("region").unwrap_or("");
            let text =
                render::text(&flow, answers, &lang, region).map_err(|e| Fail::flow(Some(e)))?;
            out(&text);
            Ok(())
        }
        "pack" => {
            opts.only(&["out", "data"])?;
            if opts.files.is_empty() {
                return Err(Fail::usage("`pack` needs at least one FILE"));
            }
            pack(
                &opts.files,
                opts.value("out").unwrap_or("packs"),
                opts.value("data"),
            )
        }
        "facts" => {
            opts.only(&[])?;
            let checked = load(opts.file("facts")?)?;
            let json = facts::facts(checked.flow()).map_err(|e| Fail::flow(Some(e)))?;
            out(&json);
            Ok(())
        }
        "json" => {
            opts.only(&[])?;
            let checked = load(opts.file("json")?)?;
            out(&doc::to_json(checked.doc()));
            Ok(())
        }
        other => Err(Fail::usage(format!("unknown command \"{other}\""))),
    }
}

/// The arguments after the command: files, `--name value` (or `--name=value`) options and
/// `--help`.
struct Opts {
    files: Vec<String>,
    values: Vec<(String, String)>,
    help: bool,
}

impl Opts {
    fn parse(args: &[String]) -> Result<Opts> {
        let mut opts = Opts {
            files: Vec::new(),
            values: Vec::new(),
            help: false,
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            if arg == "-h" || arg == "--help" {
                opts.help = true;
            } else if arg == "--" {
                opts.files.extend(args.by_ref().cloned());
            } else if let Some(name) = arg.strip_prefix("--") {
                let (name, value) = match name.split_once('=') {
                    Some((n, v)) => (n.to_string(), v.to_string()),
                    None => {
                        let value = args
                            .next()
                            .ok_or_else(|| Fail::usage(format!("--{name} needs a value")))?;
                        (name.to_string(), value.clone())
                    }
                };
                if opts.values.iter().any(|(n, _)| *n == name) {
                    return Err(Fail::usage(format!("--{name} is given twice")));
                }
                opts.values.push((name, value));
            } else if arg.starts_with('-') && arg.len() > 1 {
                return Err(Fail::usage(format!("unknown option \"{arg}\"")));
            } else {
                opts.files.push(arg.clone());
            }
        }
        Ok(opts)
    }

    /// Refuses options the command does not take.
    fn only(&self, allowed: &[&str]) -> Result {
        match self
            .values
            .iter()
            .find(|(n, _)| !allowed.contains(&n.as_str()))
        {
            Some((name, _)) => Err(Fail::usage(format!("unknown option \"--{name}\""))),
            None => Ok(()),
        }
    }

    fn value(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The one FILE a command takes.
    fn file(&self, command: &str) -> Result<&str> {
        match self.files.as_slice() {
            [file] => Ok(file),
            [] => Err(Fail::usage(format!("`{command}` needs a FILE"))),
            _ => Err(Fail::usage(format!("`{command}` takes one FILE"))),
        }
    }
}

fn check(files: &[String], data: &Data) -> Result {
    let mut worst = 0;
    for file in files {
        match load_with(file, data) {
            Ok(c) => out(&format!(
                "{file}: ok — {} paths, longest {} questions, every danger answer reaches emergency help\n",
                c.stats().paths, c.stats().longest
            )),
            Err(fail) => {
                if let Some(message) = fail.message {
                    eprintln!("error: {message}");
                }
                worst = worst.max(fail.code);
            }
        }
    }
    match worst {
        0 => Ok(()),
        code => Err(Fail {
            code,
            message: None,
            hint: false,
        }),
    }
}

/// Lists every path (`ticked`: only those where no checkbox question has more than that
/// many answers ticked; the proof covers them all).
fn paths(file: &str, max: usize, ticked: usize) -> Result {
    let checked = load(file)?;
    let flow = checked.flow();
    let too_many = || {
        Fail::flow(Some(format!(
            "{file} has {} paths, more than --max {max}",
            checked.stats().paths
        )))
    };
    if checked.stats().paths > max as u128 {
        return Err(too_many());
    }
    let all = analysis::paths(flow, max).ok_or_else(too_many)?;
    let mut text = String::new();
    let listed: Vec<_> = all.iter().filter(|p| p.most_ticked() <= ticked).collect();
    for path in &listed {
        text += &format!("{} => {}\n", path.describe(flow), path.ending(flow));
    }
    out(&text);
    if listed.len() == all.len() {
        eprintln!("{} paths", all.len());
    } else {
        eprintln!(
            "{} paths; {} listed (at most {ticked} answers ticked per question)",
            all.len(),
            listed.len()
        );
    }
    Ok(())
}

/// The content data every command checks with: the repository's words and crisis
/// directory, with `DIR/ui/<lang>.toml` added (a language given there replaces the embedded
/// one of the same code) and `DIR/crisis-contacts.toml` replacing the directory when
/// `--data DIR` is given; refused, as the build refuses it, when a contact is stale.
fn data(dir: Option<&str>) -> Result<Data> {
    let bad = |e| Fail::flow(Some(e));
    let mut uis = selfcheck_flow::data::uis().map_err(bad)?;
    let mut directory = selfcheck_flow::data::directory().map_err(bad)?;
    let mut vocab = selfcheck_flow::data::vocab().map_err(bad)?;
    if let Some(data) = dir {
        let data = std::path::Path::new(data);
        let mut extra: Vec<_> = std::fs::read_dir(data.join("ui"))
            .map(|d| {
                d.filter_map(std::result::Result::ok)
                    .map(|e| e.path())
                    .collect()
            })
            .unwrap_or_default();
        extra.retain(|p| p.extension().is_some_and(|x| x == "toml"));
        extra.sort();
        let files = extra
            .iter()
            .map(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                Ok((name.to_string(), read(&p.display().to_string())?))
            })
            .collect::<Result<Vec<_>>>()?;
        let files = || files.iter().map(|(n, s)| (n.as_str(), s.as_str()));
        let dir = data.join("ui").display().to_string();
        for ui in selfcheck_flow::data::read_uis(&dir, files()).map_err(bad)? {
            uis.retain(|u| u.lang != ui.lang);
            uis.push(ui);
        }
        for words in selfcheck_flow::data::read_vocab(&dir, files()).map_err(bad)? {
            vocab.retain(|v| v.lang != words.lang);
            vocab.push(words);
        }
        let contacts = data.join("crisis-contacts.toml");
        if contacts.exists() {
            let name = contacts.display().to_string();
            directory = selfcheck_flow::contacts::from_toml(&read(&name)?)
                .map_err(|e| Fail::flow(Some(format!("{name}: {e}"))))?;
        }
    }
    let data = Data::new(uis, vocab, directory, &today()).map_err(|problems| {
        for p in problems {
            eprintln!("error: {p}");
        }
        Fail::flow(None)
    })?;
    for w in data.warnings() {
        eprintln!("warning: {w}");
    }
    Ok(data)
}

/// Checks and proves every flow, then writes its packs into `dir`, each with its first
/// screen (`<flow>.<lang>.screen.json`, [`pipeline::pack`]). Nothing is written unless
/// every flow passed, no two flows share an id and no contact is stale.
fn pack(files: &[String], dir: &str, data_dir: Option<&str>) -> Result {
    let data = data(data_dir)?;
    let sources = files
        .iter()
        .map(|f| Ok((f.clone(), read(f)?)))
        .collect::<Result<Vec<_>>>()?;
    let built = pipeline::build_all(&sources, &data).map_err(|problems| {
        eprint!("{}", problems.join("\n"));
        eprintln!();
        Fail::flow(None)
    })?;
    std::fs::create_dir_all(dir).map_err(|e| Fail::io(format!("cannot create {dir}: {e}")))?;
    // Each pack, then beside it its first screen: what a mount shows before the wasm arrives.
    for (name, bytes) in built.files() {
        let path = std::path::Path::new(dir).join(name);
        std::fs::write(&path, bytes)
            .map_err(|e| Fail::io(format!("cannot write {}: {e}", path.display())))?;
        out(&format!("{}: {} bytes\n", path.display(), bytes.len()));
    }
    Ok(())
}

/// Today's date (UTC), `YYYY-MM-DD`.
fn today() -> String {
    selfcheck_flow::contacts::today(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
    )
}

fn read(file: &str) -> Result<String> {
    std::fs::read_to_string(file).map_err(|e| Fail::io(format!("cannot read {file}: {e}")))
}

/// Checks `file` with the repository's data, as the build would.
fn load(file: &str) -> Result<Checked> {
    load_with(file, &data(None)?)
}

/// Checks `file` with `data` ([`pipeline::check`]), printing every problem on failure.
fn load_with(file: &str, data: &Data) -> Result<Checked> {
    let src = read(file)?;
    pipeline::check(file, &src, data).map_err(|errors| report(file, &src, &errors))
}

/// Prints every error of a file to stderr, then a line saying the file failed.
fn report(file: &str, src: &str, errors: &[selfcheck_flow::Error]) -> Fail {
    let mut text = String::new();
    for e in errors {
        text += &selfcheck_flow::diag::render(e, file, src);
        text.push('\n');
    }
    let n = errors.len();
    text += &format!(
        "{file}: failed — {n} error{}\n",
        if n == 1 { "" } else { "s" }
    );
    eprint!("{text}");
    Fail::flow(None)
}

/// Writes to stdout; a closed pipe (`selfcheck paths … | head`) is not an error.
fn out(s: &str) {
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_all(s.as_bytes()).and_then(|()| stdout.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write the output: {e}");
            std::process::exit(2);
        }
    }
}
