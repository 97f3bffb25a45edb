//! `cargo xtask fuzz`: the coverage-guided fuzz targets in `fuzz/` (cargo-fuzz, libFuzzer,
//! AddressSanitizer), one after another for a fixed time each, with a table of what they did.
//!
//! cargo-fuzz needs nightly-only compiler flags (`-Zsanitizer=address`). No nightly toolchain
//! can be installed on the project's machines, so the stable one is run with
//! `RUSTC_BOOTSTRAP=1`, which lets it accept them. The working corpus, crash inputs and logs
//! stay under `target/fuzz/`; the seed corpus in `fuzz/corpus/` is only read.

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::{Ctx, Result, APT_PACKAGES};

const CARGO_FUZZ_VERSION: &str = "0.13.2";
const DEFAULT_SECONDS: u64 = 60;
/// Lets the stable compiler accept the `-Z` flags cargo-fuzz passes (see the module docs).
const BOOTSTRAP: (&str, &str) = ("RUSTC_BOOTSTRAP", "1");

/// What one run of one target did, read from libFuzzer's output.
#[derive(Debug, Default, PartialEq)]
struct Outcome {
    executions: Option<u64>,
    per_second: Option<u64>,
    /// libFuzzer's `cov:` (code edges reached) and `ft:` (features) at the end.
    coverage: Option<u64>,
    features: Option<u64>,
    corpus: Option<u64>,
    /// The input that crashed it, and the first line that says why.
    crash: Option<(String, String)>,
}

impl Ctx {
    fn fuzz_dir(&self) -> PathBuf {
        self.root.join("fuzz")
    }

    fn fuzz_work_dir(&self) -> PathBuf {
        self.target.join("fuzz")
    }

    fn cargo_fuzz_path(&self) -> PathBuf {
        self.tools.join("bin").join("cargo-fuzz")
    }

    /// The targets: `fuzz/fuzz_targets/<name>.rs`, by name.
    fn fuzz_targets(&self) -> Result<Vec<String>> {
        let dir = self.fuzz_dir().join("fuzz_targets");
        let entries = fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter_map(|name| name.strip_suffix(".rs").map(String::from))
            .collect();
        names.sort();
        Ok(names)
    }

    fn cargo_fuzz(&self) -> Result {
        if self.cargo_fuzz_path().is_file() {
            return Ok(());
        }
        println!(
            "xtask: installing cargo-fuzz {CARGO_FUZZ_VERSION} into {}",
            self.tools.display()
        );
        let root = self.tools.to_string_lossy().into_owned();
        self.cargo(
            &[
                "install",
                "cargo-fuzz",
                "--version",
                CARGO_FUZZ_VERSION,
                "--locked",
                "--root",
                &root,
            ],
            &[],
        )
    }

    /// `cargo xtask fuzz [TARGET] [--seconds N]`.
    pub(crate) fn fuzz(&self, args: &[String]) -> Result {
        let mut seconds = DEFAULT_SECONDS;
        let mut only = None;
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--seconds" => {
                    seconds = args
                        .next()
                        .and_then(|n| n.parse().ok())
                        .filter(|n| *n > 0)
                        .ok_or("--seconds needs a whole number of seconds, at least 1")?;
                }
                other if other.starts_with('-') => {
                    return Err(format!("unknown fuzz option `{other}` (only --seconds N)"));
                }
                target if only.is_none() => only = Some(target.to_string()),
                extra => return Err(format!("one target at most (`{extra}` is a second)")),
            }
        }
        let all = self.fuzz_targets()?;
        let targets = match only {
            Some(name) if all.contains(&name) => vec![name],
            Some(name) => {
                return Err(format!(
                    "no fuzz target `{name}` (one of: {})",
                    all.join(", ")
                ))
            }
            None => all,
        };

        self.banner("prerequisites for fuzzing");
        // A C++ compiler for libFuzzer, and what the crates under test build with.
        self.system_packages(APT_PACKAGES)?;
        self.cargo_fuzz()?;

        let work = self.fuzz_work_dir();
        let target_dir = work.to_string_lossy().into_owned();
        let cargo_fuzz = self.cargo_fuzz_path().to_string_lossy().into_owned();
        let bootstrap = [(BOOTSTRAP.0, OsStr::new(BOOTSTRAP.1))];
        self.banner("fuzz: build the targets (AddressSanitizer; stable rustc, RUSTC_BOOTSTRAP=1)");
        let mut build = vec![
            "fuzz",
            "build",
            "--features",
            "libfuzzer",
            "--target-dir",
            &target_dir,
        ];
        if targets.len() == 1 {
            build.push(&targets[0]);
        }
        self.run(&self.root, &cargo_fuzz, &build, &bootstrap)?;

        let mut rows = Vec::new();
        for target in &targets {
            self.banner(&format!("fuzz: {target} for {seconds} s"));
            let outcome = self.fuzz_one(target, seconds)?;
            rows.push((target.clone(), outcome));
        }
        print_table(&rows, seconds);
        println!(
            "\nlogs: {}\ncorpus grown by the runs (kept for the next one): {}",
            work.join("logs").display(),
            work.join("corpus").display()
        );
        let crashed: Vec<&str> = rows
            .iter()
            .filter(|(_, o)| o.crash.is_some())
            .map(|(t, _)| t.as_str())
            .collect();
        if crashed.is_empty() {
            return Ok(());
        }
        Err(format!(
            "fuzzing found a crash in: {}. Replay one with\n  RUSTC_BOOTSTRAP=1 {cargo_fuzz} fuzz run \
             --features libfuzzer --target-dir {target_dir} <target> <crash file>",
            crashed.join(", ")
        ))
    }

    /// Runs one target for `seconds`, its output into `target/fuzz/logs/<target>.log`.
    fn fuzz_one(&self, target: &str, seconds: u64) -> Result<Outcome> {
        let work = self.fuzz_work_dir();
        let corpus = work.join("corpus").join(target);
        let artifacts = work.join("artifacts").join(target);
        let logs = work.join("logs");
        for dir in [&corpus, &artifacts, &logs] {
            fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        let log_path = logs.join(format!("{target}.log"));
        let log =
            fs::File::create(&log_path).map_err(|e| format!("{}: {e}", log_path.display()))?;
        let log_err = log.try_clone().map_err(|e| e.to_string())?;
        let seeds = self.fuzz_dir().join("corpus").join(target);
        let mut args: Vec<String> = ["fuzz", "run", "--features", "libfuzzer", "--target-dir"]
            .map(String::from)
            .to_vec();
        args.push(work.to_string_lossy().into_owned());
        args.push(target.to_string());
        // New inputs go into the first corpus directory; the seeds are only read.
        args.push(corpus.to_string_lossy().into_owned());
        args.push(seeds.to_string_lossy().into_owned());
        args.push("--".into());
        args.push(format!("-max_total_time={seconds}"));
        args.push("-print_final_stats=1".into());
        // Crash inputs under target/, not in the source tree (cargo-fuzz's default).
        args.push(format!("-artifact_prefix={}/", artifacts.display()));
        println!(
            "$ {}={} {} {}",
            BOOTSTRAP.0,
            BOOTSTRAP.1,
            self.cargo_fuzz_path().display(),
            args.join(" ")
        );
        let status = Command::new(self.cargo_fuzz_path())
            .args(&args)
            .env(BOOTSTRAP.0, BOOTSTRAP.1)
            .current_dir(&self.root)
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log_err)
            .status()
            .map_err(|e| format!("could not run cargo-fuzz: {e}"))?;
        let text = fs::read_to_string(&log_path).unwrap_or_default();
        let outcome = read_outcome(&text);
        if !status.success() && outcome.crash.is_none() {
            return Err(format!(
                "cargo-fuzz failed ({status}) without a crash to show; see {}",
                log_path.display()
            ));
        }
        match &outcome.crash {
            Some((input, why)) => println!("xtask: {target} CRASHED: {why}\n  input: {input}"),
            None => println!(
                "xtask: {target}: {} executions, no crash",
                shown(outcome.executions)
            ),
        }
        Ok(outcome)
    }

    /// The fuzz targets' bodies over their seed corpus, on stable with no libFuzzer: keeps
    /// them building and their properties true between fuzzing runs (`cargo xtask test rust`).
    pub(crate) fn fuzz_seed_test(&self) -> Result {
        self.banner("fuzz targets: each body over its seed corpus (no fuzzer, stable)");
        let manifest = self.fuzz_dir().join("Cargo.toml");
        let manifest = manifest.to_string_lossy().into_owned();
        // The shared target/: the dependencies are the ones the workspace already built.
        let target_dir = self.target.to_string_lossy().into_owned();
        self.cargo(
            &[
                "test",
                "--manifest-path",
                &manifest,
                "--target-dir",
                &target_dir,
            ],
            &[],
        )
    }
}

/// Reads libFuzzer's final statistics (`-print_final_stats=1`), its last status line
/// (`#N DONE cov: C ft: F corp: U/Sb …`), and where it wrote a crashing input.
fn read_outcome(log: &str) -> Outcome {
    let stat = |name: &str| {
        log.lines()
            .find_map(|l| l.strip_prefix(name)?.trim().parse().ok())
    };
    let mut outcome = Outcome {
        executions: stat("stat::number_of_executed_units:"),
        per_second: stat("stat::average_exec_per_sec:"),
        ..Outcome::default()
    };
    if let Some(status) = log
        .lines()
        .rfind(|l| l.starts_with('#') && l.contains(" cov: "))
    {
        let field = |name: &str| {
            let mut words = status.split_whitespace();
            words.find(|w| *w == name)?;
            words.next()?.split('/').next()?.parse().ok()
        };
        outcome.coverage = field("cov:");
        outcome.features = field("ft:");
        outcome.corpus = field("corp:");
    }
    let input = log.lines().find_map(|l| {
        let path = l.split("Test unit written to ").nth(1)?.trim();
        let name = Path::new(path).file_name()?.to_str()?;
        // Not `slow-unit-`: a slow input is written too, but it is no failure.
        ["crash-", "leak-", "timeout-", "oom-"]
            .iter()
            .any(|p| name.starts_with(p))
            .then(|| path.to_string())
    });
    if let Some(input) = input {
        let lines: Vec<&str> = log.lines().map(str::trim).collect();
        let why = lines
            .iter()
            .position(|l| {
                l.contains("panicked at")
                    || l.contains("ERROR: AddressSanitizer")
                    || l.contains("ERROR: LeakSanitizer")
                    || l.contains("ERROR: libFuzzer")
            })
            .map(|i| match lines.get(i + 1) {
                // A panic's message is on the line after "panicked at".
                Some(message) if lines[i].contains("panicked at") => {
                    format!("{} {message}", lines[i])
                }
                _ => lines[i].to_string(),
            })
            .unwrap_or_else(|| "see the log".into());
        outcome.crash = Some((input, why));
    }
    outcome
}

fn shown(value: Option<u64>) -> String {
    value.map_or_else(|| "?".into(), |v| v.to_string())
}

fn print_table(rows: &[(String, Outcome)], seconds: u64) {
    println!(
        "\nfuzzing, {seconds} s per target (cov: code edges reached; ft: libFuzzer's features)"
    );
    println!(
        "{:<18} {:>12} {:>8} {:>7} {:>8} {:>8} {:>8}",
        "target", "executions", "exec/s", "cov", "ft", "corpus", "crashes"
    );
    for (target, o) in rows {
        println!(
            "{:<18} {:>12} {:>8} {:>7} {:>8} {:>8} {:>8}",
            target,
            shown(o.executions),
            shown(o.per_second),
            shown(o.coverage),
            shown(o.features),
            shown(o.corpus),
            usize::from(o.crash.is_some())
        );
    }
    for (target, o) in rows {
        if let Some((input, why)) = &o.crash {
            println!("\n{target}: {why}\n  input: {input}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_clean_run() {
        let log = "#8\tINITED cov: 849 ft: 1293 corp: 7/2446b exec/s: 0 rss: 91Mb\n\
                   #1048576\tpulse  cov: 901 ft: 2001 corp: 200/9Kb lim: 4096 exec/s: 9000 rss: 300Mb\n\
                   #1200000\tDONE   cov: 910 ft: 2050 corp: 210/10Kb lim: 4096 exec/s: 20000 rss: 310Mb\n\
                   Done 1200000 runs in 61 second(s)\n\
                   stat::number_of_executed_units: 1200000\n\
                   stat::average_exec_per_sec:     20000\n";
        assert_eq!(
            read_outcome(log),
            Outcome {
                executions: Some(1_200_000),
                per_second: Some(20_000),
                coverage: Some(910),
                features: Some(2050),
                corpus: Some(210),
                crash: None,
            }
        );
    }

    #[test]
    fn reads_a_crash_with_its_reason() {
        let log = "#8\tINITED cov: 849 ft: 1293 corp: 7/2446b exec/s: 0 rss: 91Mb\n\
                   \n\
                   thread '<unnamed>' (16700) panicked at src/onekosmos_answer.rs:110:9:\n\
                   approved without a report of face_liveness\n\
                   ==16700== ERROR: libFuzzer: deadly signal\n\
                   artifact_prefix='t/'; Test unit written to t/crash-532d2b\n\
                   stat::number_of_executed_units: 7328\n";
        let o = read_outcome(log);
        assert_eq!(o.executions, Some(7328));
        let (input, why) = o.crash.unwrap();
        assert_eq!(input, "t/crash-532d2b");
        assert!(why.contains("src/onekosmos_answer.rs:110:9"), "{why}");
        assert!(
            why.contains("approved without a report of face_liveness"),
            "{why}"
        );
    }
}
