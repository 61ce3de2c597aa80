//! Whatever happens to a build, the output folder holds a whole site: the
//! previous one or the new one. Killed builds leave nothing the next build
//! does not remove, signals clean up, and builds into one folder take
//! turns. Each case runs the real binary on a generated pack.
//!
//! The kill test kills 10 builds by default; for the long run,
//! `BRIEFING_KILLS=50 BRIEFING_KILL_ARTICLES=3000 cargo test --release
//! --test output_safety kill`.

mod common;

use std::fs;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{TestPack, generated, listing};

fn spawn_build(pack: &TestPack) -> Child {
    Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("build")
        .arg(pack.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start briefing")
}

/// briefing's temporary folders beside the output (not the lock file).
fn temporary_folders(pack: &TestPack) -> Vec<String> {
    let mut found: Vec<String> = fs::read_dir(pack.path())
        .expect("pack folder")
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect();
    found.sort();
    found
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A small deterministic generator of kill times (no dependency needed).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

#[test]
fn kill_9_at_any_moment_leaves_a_whole_site_and_nothing_after_the_next_build() {
    let kills = env_number("BRIEFING_KILLS", 10);
    let pack = generated(env_number("BRIEFING_KILL_ARTICLES", 150));
    let started = Instant::now();
    pack.build_ok();
    let full = started.elapsed();
    let complete = listing(&pack.public());
    assert!(complete.len() > 100, "{} files", complete.len());
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64);
    let mut random = Lcg(seed);
    let mut killed_mid_build = 0;
    for k in 0..kills {
        let mut child = spawn_build(&pack);
        // anywhere from the start to just past the end of a build
        let wait = random.below(full.as_millis() as u64 * 11 / 10 + 1);
        std::thread::sleep(Duration::from_millis(wait));
        if child.try_wait().expect("poll").is_none() {
            killed_mid_build += 1;
        }
        let _ = child.kill();
        let _ = child.wait();
        assert_eq!(
            listing(&pack.public()),
            complete,
            "kill {k} after {wait} ms (seed {seed}): the output is not a whole site"
        );
    }
    eprintln!(
        "{kills} kills (seed {seed}), {killed_mid_build} mid-build; a build takes {} ms",
        full.as_millis()
    );
    assert!(
        killed_mid_build * 2 >= kills,
        "too few kills landed mid-build"
    );
    pack.build_ok();
    assert_eq!(listing(&pack.public()), complete);
    assert_eq!(temporary_folders(&pack), Vec::<String>::new());
}

#[test]
fn leftovers_of_killed_builds_are_removed_and_foreign_folders_kept() {
    let pack = common::minimal();
    pack.build_ok();
    let make = |name: &str, file: Option<&str>| {
        let dir = pack.path().join(name);
        fs::create_dir_all(&dir).expect("create");
        if let Some(file) = file {
            fs::write(dir.join(file), "x").expect("write");
        }
    };
    // what killed builds of this version and of the one before left
    make(".public.briefing-new-1-2-0", Some(".briefing-staging"));
    make(".public.briefing-old-1-2-0", Some(".briefing-output"));
    make(".public.briefing-new-3-4-0", None);
    make(".public.new-4242", Some("index.html"));
    make(".public.old-4242", Some(".briefing-output"));
    // named like ours but holding someone's file and no marker: kept
    make(".public.briefing-new-9-9-9", Some("notes.txt"));
    pack.build_ok();
    assert_eq!(
        temporary_folders(&pack),
        vec![".public.briefing-new-9-9-9".to_string()]
    );
}

/// Old builds named their folders after their process id; a later process
/// with the same id could not build. The names now never repeat, so a
/// leftover folder of any name is no obstacle.
#[test]
fn a_leftover_folder_never_blocks_a_build() {
    let pack = common::minimal();
    pack.build_ok();
    // the next processes' ids are likely among the next few hundred
    let own = std::process::id();
    for pid in own..own + 500 {
        for kind in ["new", "old"] {
            let dir = pack.path().join(format!(".public.{kind}-{pid}"));
            fs::create_dir_all(dir.join("assets")).expect("create");
            fs::write(dir.join(".briefing-output"), "x").expect("write");
        }
    }
    pack.build_ok();
    pack.build_ok();
    assert_eq!(temporary_folders(&pack), Vec::<String>::new());
}

fn wait_for_staging(pack: &TestPack, child: &mut Child) -> bool {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if temporary_folders(pack)
            .iter()
            .any(|n| n.starts_with(".public.briefing-new-"))
        {
            return true;
        }
        if child.try_wait().expect("poll").is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    false
}

#[test]
fn sigterm_and_ctrl_c_remove_the_staging_folder_and_keep_the_site() {
    let pack = generated(150);
    pack.build_ok();
    let complete = listing(&pack.public());
    for (signal, code) in [
        (rustix::process::Signal::TERM, 143),
        (rustix::process::Signal::INT, 130),
    ] {
        let mut child = spawn_build(&pack);
        assert!(
            wait_for_staging(&pack, &mut child),
            "no staging folder appeared"
        );
        let pid = rustix::process::Pid::from_child(&child);
        rustix::process::kill_process(pid, signal).expect("signal");
        let status = child.wait().expect("wait");
        // the signal may land after the swap: then the build is whole
        if status.success() {
            continue;
        }
        assert_eq!(status.code(), Some(code), "{signal:?}");
        assert_eq!(temporary_folders(&pack), Vec::<String>::new(), "{signal:?}");
        assert_eq!(listing(&pack.public()), complete);
    }
}

#[test]
fn two_builds_into_one_folder_take_turns() {
    let pack = generated(100);
    pack.build_ok();
    let complete = listing(&pack.public());
    // while another holder has the lock, a build waits and says so
    let lock = fs::OpenOptions::new()
        .write(true)
        .open(pack.path().join(".public.briefing-lock"))
        .expect("the lock file a build leaves");
    lock.lock().expect("lock");
    let mut waiting = spawn_build(&pack);
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        waiting.try_wait().expect("poll").is_none(),
        "the build did not wait"
    );
    assert_eq!(temporary_folders(&pack), Vec::<String>::new());
    drop(lock);
    let out = waiting.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("another build is writing"), "{stderr}");
    // two at once: both succeed, one after the other
    let first = spawn_build(&pack);
    let second = spawn_build(&pack);
    for child in [first, second] {
        let out = child.wait_with_output().expect("wait");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(listing(&pack.public()), complete);
    assert_eq!(temporary_folders(&pack), Vec::<String>::new());
}
