//! `cargo xtask check`: the architecture's promises, checked on every test run.
//!
//! - The enrollment core has no I/O: `cargo tree -p enrollment -e normal` lists none of the
//!   client, camera, document or server crates, and tokio only with its `sync` feature (the
//!   ports' channels), never its runtime, clock, files or sockets.
//! - No two modules import each other: within every crate, the sibling modules of one parent
//!   form no circle of `crate::` / `super::` references (a parent and its own children may
//!   refer to each other; test modules are left out).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Crates the core may never depend on, directly or through another crate.
const NOT_IN_CORE: &[&str] = &[
    "camera",
    "document",
    "onekosmos",
    "verified-id",
    "enrollment-runtime",
    "sandbox",
    "reqwest",
    "hyper",
    "nokhwa",
    "axum",
    "mio",
    "tauri",
];
/// The only tokio features the core may enable.
const CORE_TOKIO_FEATURES: &[&str] = &["sync"];

/// The source folders whose modules are checked for circles.
const CRATE_SOURCES: &[&str] = &[
    "crates/enrollment/src",
    "crates/runtime/src",
    "crates/administration/src",
    "crates/kiosk-config/src",
    "crates/camera/src",
    "crates/document/src",
    "crates/face-model/src",
    "crates/onekosmos/src",
    "crates/verified-id/src",
    "crates/sandbox/src",
    "crates/relay/src",
    "crates/capture-eval/src",
    "src-tauri/src",
    "tests/src",
    "xtask/src",
];

/// Checks the core's dependency tree; returns what is wrong, one line each.
pub fn core_dependencies(root: &Path, cargo: &str) -> Result<Vec<String>, String> {
    let output = Command::new(cargo)
        .args([
            "tree",
            "-p",
            "enrollment",
            "-e",
            "normal",
            "--prefix",
            "none",
            "--format",
            "{p}|{f}",
        ])
        .current_dir(root)
        .output()
        .map_err(|e| format!("could not run cargo tree: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "cargo tree failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(core_problems(&String::from_utf8_lossy(&output.stdout)))
}

/// The problems in `cargo tree --prefix none --format "{p}|{f}"` output for the core.
fn core_problems(tree: &str) -> Vec<String> {
    let mut problems = BTreeSet::new();
    for line in tree.lines() {
        let (package, features) = line.split_once('|').unwrap_or((line, ""));
        let name = package.split_whitespace().next().unwrap_or_default();
        if NOT_IN_CORE.contains(&name) {
            problems.insert(format!(
                "the enrollment core depends on `{name}`: I/O belongs in enrollment-runtime"
            ));
        }
        if name == "tokio" {
            for feature in features.split(',').map(str::trim).filter(|f| !f.is_empty()) {
                if !CORE_TOKIO_FEATURES.contains(&feature) {
                    problems.insert(format!(
                        "the enrollment core enables tokio's `{feature}` feature: only `sync` (the ports' channels) belongs there"
                    ));
                }
            }
        }
    }
    problems.into_iter().collect()
}

/// Every circle of sibling modules in the workspace's crates, one line each.
pub fn module_cycles(root: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for src in CRATE_SOURCES {
        let dir = root.join(src);
        if !dir.is_dir() {
            continue;
        }
        for cycle in cycles_in(&dir) {
            found.push(format!("{src}: {}", cycle.join(" -> ")));
        }
    }
    found
}

type ModPath = Vec<String>;

fn cycles_in(src: &Path) -> Vec<Vec<String>> {
    let mut files = Vec::new();
    rust_files(src, src, &mut files);
    let modules: BTreeSet<ModPath> = files.iter().map(|(m, _)| m.clone()).collect();
    // Edges between siblings: parent -> (from child -> to child).
    let mut edges: BTreeMap<ModPath, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for (module, path) in &files {
        let Ok(text) = fs::read_to_string(path) else {
            continue;
        };
        let is_dir_module = path.file_name().is_some_and(|n| n == "mod.rs")
            || path
                .file_name()
                .is_some_and(|n| n == "lib.rs" || n == "main.rs");
        for target in references(&code_without_tests(&text), module, is_dir_module) {
            let Some(target) = known_prefix(&target, &modules) else {
                continue;
            };
            let common = module
                .iter()
                .zip(&target)
                .take_while(|(a, b)| a == b)
                .count();
            if common >= module.len() || common >= target.len() {
                continue; // an ancestor or a descendant: parent and child may refer to each other
            }
            edges
                .entry(module[..common].to_vec())
                .or_default()
                .entry(module[common].clone())
                .or_default()
                .insert(target[common].clone());
        }
    }
    let mut cycles = Vec::new();
    for (parent, graph) in &edges {
        for cycle in find_cycles(graph) {
            let prefix = if parent.is_empty() {
                "crate".to_string()
            } else {
                format!("crate::{}", parent.join("::"))
            };
            cycles.push(cycle.iter().map(|m| format!("{prefix}::{m}")).collect());
        }
    }
    cycles
}

/// `.rs` files under `dir` with their module paths (`src/bin` holds other crates: skipped).
fn rust_files(src: &Path, dir: &Path, out: &mut Vec<(ModPath, PathBuf)>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            if dir == src && path.file_name().is_some_and(|n| n == "bin") {
                continue;
            }
            rust_files(src, &path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path.strip_prefix(src).unwrap_or(&path);
            let mut module: ModPath = relative
                .iter()
                .map(|part| part.to_string_lossy().trim_end_matches(".rs").to_string())
                .collect();
            if matches!(
                module.last().map(String::as_str),
                Some("mod" | "lib" | "main")
            ) {
                module.pop();
            }
            out.push((module, path));
        }
    }
}

/// The code of a file without comments and without its `#[cfg(test)]` part (tests sit last).
fn code_without_tests(text: &str) -> String {
    let mut code = String::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[cfg(test)]") {
            break;
        }
        if trimmed.starts_with("//") {
            continue;
        }
        code.push_str(line);
        code.push('\n');
    }
    code
}

/// The module paths a file refers to through `crate::…` and `super::…`.
fn references(code: &str, module: &[String], is_dir_module: bool) -> Vec<ModPath> {
    let mut out = Vec::new();
    // `super` of a file module `a/b.rs` is `a`; of `a/b/mod.rs` (module `a::b`) it is `a` too.
    let parent: ModPath = if is_dir_module || !module.is_empty() {
        module[..module.len().saturating_sub(1)].to_vec()
    } else {
        Vec::new()
    };
    for (keyword, base) in [("crate::", Vec::new()), ("super::", parent)] {
        let mut rest = code;
        while let Some(at) = rest.find(keyword) {
            let before = rest[..at].chars().next_back();
            rest = &rest[at + keyword.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue; // `$crate::`, `foo::crate::`…
            }
            for path in use_tree(rest) {
                let mut full = base.clone();
                full.extend(path);
                out.push(full);
            }
        }
    }
    out
}

/// The paths of a use tree at the start of `text`: `a::b::C`, `a::{b, c::D}`, `{a, b}`.
fn use_tree(text: &str) -> Vec<ModPath> {
    let mut segments = Vec::new();
    let mut rest = text.trim_start();
    loop {
        if let Some(inner) = rest.strip_prefix('{') {
            let Some(end) = matching_brace(inner) else {
                return vec![segments];
            };
            let mut out = Vec::new();
            for item in split_top_level(&inner[..end]) {
                for tail in use_tree(item) {
                    let mut path = segments.clone();
                    path.extend(tail);
                    out.push(path);
                }
            }
            return out;
        }
        let ident: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if ident.is_empty() || ident == "self" {
            return vec![segments];
        }
        rest = &rest[ident.len()..];
        segments.push(ident);
        match rest.strip_prefix("::") {
            Some(after) => rest = after.trim_start(),
            None => return vec![segments],
        }
    }
}

fn matching_brace(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return Some(i),
            '}' => depth -= 1,
            _ => {}
        }
    }
    None
}

fn split_top_level(text: &str) -> Vec<&str> {
    let (mut out, mut depth, mut start) = (Vec::new(), 0usize, 0);
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                out.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&text[start..]);
    out.into_iter().filter(|s| !s.trim().is_empty()).collect()
}

/// The longest prefix of `path` that names a module of the crate.
fn known_prefix(path: &[String], modules: &BTreeSet<ModPath>) -> Option<ModPath> {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|prefix| modules.contains(prefix))
}

/// The elementary circles of a small graph, each reported once (starting at its least node).
fn find_cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    fn walk(
        node: &str,
        start: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        out: &mut Vec<Vec<String>>,
    ) {
        for next in graph.get(node).into_iter().flatten() {
            if next == start {
                let mut cycle = path.clone();
                cycle.push(start.to_string());
                out.push(cycle);
            } else if next.as_str() > start && !path.contains(next) && out.len() < 20 {
                path.push(next.clone());
                walk(next, start, graph, path, out);
                path.pop();
            }
        }
    }
    let mut out = Vec::new();
    for start in graph.keys() {
        let mut path = vec![start.clone()];
        walk(start, start, graph, &mut path, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, file: &str, text: &str) {
        let path = dir.join(file);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    #[test]
    fn a_circle_between_siblings_is_found_and_a_parent_child_pair_is_not() {
        let dir = std::env::temp_dir().join(format!("xtask-arch-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        write(&dir, "lib.rs", "mod a; mod b; mod c; mod s;\n");
        write(&dir, "a.rs", "use crate::{b::X, c};\n");
        write(&dir, "b.rs", "pub struct X;\nfn f() { crate::a::g(); }\n");
        write(&dir, "c.rs", "//! uses crate::a in a comment only\n");
        write(&dir, "s/mod.rs", "mod t; use self::t::Y;\n");
        write(
            &dir,
            "s/t.rs",
            "use super::Z;\n#[cfg(test)]\nmod tests { use crate::a; }\n",
        );
        let cycles = cycles_in(&dir);
        assert_eq!(
            cycles,
            vec![vec![
                "crate::a".to_string(),
                "crate::b".to_string(),
                "crate::a".to_string()
            ]]
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn use_trees_expand_to_paths() {
        let paths = use_tree("{a::{B, c::D}, e} rest");
        assert_eq!(
            paths,
            vec![
                vec!["a".to_string(), "B".to_string()],
                vec!["a".to_string(), "c".to_string(), "D".to_string()],
                vec!["e".to_string()],
            ]
        );
    }

    #[test]
    fn the_core_may_have_channels_but_no_io() {
        let tree = "enrollment v0.1.0|\nserde v1.0.0|default,derive\ntokio v1.0.0|sync\n";
        assert!(core_problems(tree).is_empty());
        let tree = "enrollment v0.1.0|\ntokio v1.0.0|net,sync\nreqwest v0.13.0|json\n";
        let problems = core_problems(tree);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("`reqwest`")));
        assert!(problems.iter().any(|p| p.contains("`net`")));
    }
}
