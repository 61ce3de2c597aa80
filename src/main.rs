//! The `briefing` command line: parses arguments, calls the library, prints
//! diagnostics and sets the exit status (0 success, 1 content errors, 2 usage
//! or I/O errors).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};

use briefing::{BuildOptions, Failure, Report};

/// mimalloc: a build allocates millions of small strings and values, and
/// spends a quarter of its time in the system allocator without it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc.h: how long freed memory is kept
/// before it goes back to the system (milliseconds; -1: never).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Keeps freed memory for reuse instead of handing it back to the system.
/// A build or a check is short and allocates in waves (each page's values,
/// then its HTML): returning memory between waves makes the system zero it
/// again on the next touch, 10% of a 10,000-article build. `serve` runs for
/// hours and keeps mimalloc's default.
fn keep_freed_memory() {
    // SAFETY: mi_option_set only stores an integer option; any value is valid
    // for purge_delay, and mimalloc reads it on each purge.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
}

/// Turn captured news articles and YAML summaries into a linked, cited
/// briefing-pack website.
#[derive(Parser)]
#[command(name = "briefing", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build PACK (default: this folder) into OUT (default: PACK/public).
    Build {
        /// The pack's folder, holding content/.
        #[arg(default_value = ".")]
        pack: PathBuf,
        /// The output folder (replaced whole; never one briefing did not write).
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Absolute URL the site is published at (for sitemap and canonical links).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
    },
    /// Write a small working pack into DIR (default: this folder), never overwriting.
    Init {
        /// The folder to start the pack in (made when missing).
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Check everything build checks, and write nothing.
    Check {
        /// The pack's folder, holding content/.
        #[arg(default_value = ".")]
        pack: PathBuf,
    },
    /// Build, serve on 127.0.0.1, rebuild on change and reload open pages.
    #[cfg(feature = "serve")]
    Serve {
        /// The pack's folder, holding content/.
        #[arg(default_value = ".")]
        pack: PathBuf,
        /// The port to listen on (0: any free port).
        #[arg(short, long, default_value_t = 1111)]
        port: u16,
    },
    /// Draft new content.
    #[command(subcommand)]
    New(NewCommand),
}

#[derive(Subcommand)]
enum NewCommand {
    /// Draft FILE.yaml beside a captured article FILE.txt (never overwriting one).
    Article {
        /// The captured article, content/articles/<id>.txt.
        file: PathBuf,
    },
    /// Copy the built-in theme into themes/NAME to edit it (never overwriting).
    Theme {
        /// The theme's folder name under themes/ (`default` overrides the built-in theme).
        #[arg(default_value = "default")]
        name: String,
        /// The pack's folder.
        #[arg(long, default_value = ".")]
        pack: PathBuf,
    },
}

/// `n` and `noun`, plural unless one: "1 article", "2 articles".
fn counted(n: usize, noun: &str) -> String {
    match n {
        1 => format!("1 {noun}"),
        n => format!("{n} {noun}s"),
    }
}

/// What a pack holds, for the last line of a build or a check.
fn contents(report: &Report) -> String {
    let p = &report.pack;
    format!(
        "{}, {}, {}, {}",
        counted(p.articles.len(), "article"),
        counted(p.actors.len(), "actor"),
        counted(p.events.len(), "event"),
        counted(p.citations.len(), "citation")
    )
}

fn print_warnings(report: &Report) {
    let mut err = std::io::stderr().lock();
    for w in &report.warnings {
        let _ = writeln!(err, "{w}");
    }
}

fn fail(failure: Failure) -> ExitCode {
    let mut err = std::io::stderr().lock();
    match failure {
        Failure::Content(diagnostics) => {
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            let warnings = diagnostics.len() - errors;
            for d in &diagnostics {
                let _ = writeln!(err, "{d}");
            }
            let _ = writeln!(
                err,
                "error: the pack has {errors} error{}{}; nothing was written",
                if errors == 1 { "" } else { "s" },
                if warnings > 0 {
                    format!(
                        " and {warnings} warning{}",
                        if warnings == 1 { "" } else { "s" }
                    )
                } else {
                    String::new()
                }
            );
            ExitCode::from(1)
        }
        Failure::Usage(message) => {
            let _ = writeln!(err, "error: {message}");
            ExitCode::from(2)
        }
    }
}

/// On Ctrl-C (SIGINT), SIGTERM or SIGHUP during a build: removes the
/// build's staging folder and exits with 128 + the signal's number, as a
/// shell reports a process the signal ended. The output folder keeps
/// whichever site it holds, whole.
fn clean_up_on_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        // without handlers the default applies: the next build removes
        // what this one leaves
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            briefing::output::abandon();
            std::process::exit(128 + signal);
        }
    });
}

impl Command {
    /// Whether the command keeps running until stopped (`serve`).
    fn runs_for_long(&self) -> bool {
        #[cfg(feature = "serve")]
        if let Command::Serve { .. } = self {
            return true;
        }
        false
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let started = Instant::now();
    let quiet = !std::io::stderr().is_terminal();
    let _ = quiet;
    if !cli.command.runs_for_long() {
        keep_freed_memory();
    }
    match cli.command {
        Command::Build {
            pack,
            output,
            base_url,
        } => {
            let out = output.clone().unwrap_or_else(|| pack.join("public"));
            clean_up_on_signals();
            match briefing::build(&BuildOptions {
                root: pack,
                output,
                base_url,
            }) {
                Ok(report) => {
                    print_warnings(&report);
                    eprintln!(
                        "built {} ({}) into {} in {} ms{}",
                        counted(report.pages, "page"),
                        contents(&report),
                        out.display(),
                        started.elapsed().as_millis(),
                        warn_suffix(&report)
                    );
                    // the process ends here: the system takes the memory back
                    // at once, without walking the pack to free it piece by piece
                    std::mem::forget(report);
                    ExitCode::SUCCESS
                }
                Err(f) => fail(f),
            }
        }
        #[cfg(feature = "serve")]
        Command::Serve { pack, port } => match briefing::serve::serve(&pack, port) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::from(2)
            }
        },
        Command::Init { dir } => match briefing::scaffold::init(&dir) {
            Ok(files) => {
                eprintln!(
                    "wrote a pack of {files} files into {}: run `briefing build {}` and open {}",
                    dir.display(),
                    dir.display(),
                    dir.join("public/index.html").display()
                );
                ExitCode::SUCCESS
            }
            Err(err) => {
                eprintln!("error: {err}");
                ExitCode::from(2)
            }
        },
        Command::New(NewCommand::Theme { name, pack }) => {
            match briefing::scaffold::new_theme(&pack, &name) {
                Ok((dir, files)) => {
                    let hint = if name == "default" {
                        "its templates now override the built-in ones".to_string()
                    } else {
                        format!("set `theme: {name}` in content/pack.yaml to use it")
                    };
                    eprintln!("wrote {files} files into {}: {hint}", dir.display());
                    ExitCode::SUCCESS
                }
                Err(err) => {
                    eprintln!("error: {err}");
                    ExitCode::from(2)
                }
            }
        }
        Command::New(NewCommand::Article { file }) => match briefing::draft::draft_article(&file) {
            Ok(written) => {
                eprintln!(
                    "drafted {}: fill in the TODOs, then run `briefing check`",
                    written.display()
                );
                ExitCode::SUCCESS
            }
            Err(err) => {
                eprintln!("error: {err}");
                ExitCode::from(2)
            }
        },
        Command::Check { pack } => match briefing::check(&pack, None) {
            Ok(report) => {
                print_warnings(&report);
                eprintln!("ok: {} checked{}", contents(&report), warn_suffix(&report));
                // as for build: the process ends, nothing to free piece by piece
                std::mem::forget(report);
                ExitCode::SUCCESS
            }
            Err(f) => fail(f),
        },
    }
}

fn warn_suffix(report: &Report) -> String {
    match report.warnings.len() {
        0 => String::new(),
        1 => ", 1 warning".to_string(),
        n => format!(", {n} warnings"),
    }
}

#[cfg(test)]
mod tests {
    /// The option number is mimalloc's: purge_delay defaults to 1000 ms
    /// (mimalloc v3, options.c).
    #[test]
    fn purge_delay_option_is_mimallocs() {
        // SAFETY: reading an option has no preconditions.
        let default = unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) };
        assert_eq!(default, 1000);
    }
}
