//! `cargo xtask bench relay`: the relay at fleet scale on loopback.
//!
//! 1,000 kiosks subscribe (half to each of two relay instances, through the real subscriber
//! module), a simulated Entra posts 500 callbacks a second for 20 s (alternating instances, and
//! to the other one when an instance refuses the connection, as a load balancer would), and a
//! real `redis-server` holds the streams. Halfway, one instance is restarted (SIGTERM, then
//! started again on the same port): its kiosks reconnect and resume from their last event id.
//!
//! Reports callback → kiosk latency, callbacks lost (answered 200 but never delivered; must be
//! 0), time to answer Entra, and each process's CPU and memory from /proc. Prints a table; it
//! asserts nothing about times (machines differ), but fails when a callback is lost.

#[path = "../tests/support/mod.rs"]
mod support;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use enrollment_relay::subscriber::{self, ConnectionState, SubscriberConfig, Subscription};
use enrollment_relay::KioskId;
use support::{callback_body, token_for, RedisServer, RelayProcess};
use url::Url;

const KIOSKS: usize = 1000;
const RATE_PER_SECOND: usize = 500;
const SECONDS: u64 = 20;
const RESTART_AT: Duration = Duration::from_secs(10);

/// CPU seconds and memory of one process, from /proc.
#[derive(Debug, Clone, Copy, Default)]
struct ProcessSample {
    cpu_seconds: f64,
    rss_kib: u64,
    peak_rss_kib: u64,
}

fn sample(pid: u32) -> ProcessSample {
    let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as f64;
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    let cpu = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kib = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    ProcessSample {
        cpu_seconds: (cpu(11) + cpu(12)) / ticks,
        rss_kib: kib("VmRSS:"),
        peak_rss_kib: kib("VmHWM:"),
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * (sorted.len() as f64 - 1.0)).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

#[derive(Default)]
struct Outcomes {
    sent_at: Vec<Option<Instant>>,
    answered_ok: Vec<bool>,
    answer_times: Vec<Duration>,
    delivered_at: HashMap<usize, Instant>,
    duplicates: usize,
    rerouted: usize,
    refused: usize,
}

fn raise_open_files_limit() {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: plain getrlimit/setrlimit on this process; the children inherit it.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) == 0 && limit.rlim_cur < limit.rlim_max
        {
            limit.rlim_cur = limit.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
        }
    }
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else to read.
    raise_open_files_limit();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(run());
}

async fn run() {
    let redis = RedisServer::start();
    let flags = ["--per-ip-rate", "100000", "--max-connections", "8192"];
    let first = RelayProcess::start(Some(&redis), &flags);
    let second = Arc::new(Mutex::new(RelayProcess::start(Some(&redis), &flags)));
    let urls = [first.url.clone(), second.lock().unwrap().url.clone()];
    let redis_pid = redis.pid();
    println!(
        "relay benchmark: {KIOSKS} kiosks, {RATE_PER_SECOND} callbacks/s for {SECONDS} s, two instances ({}, {}), redis-server on port {}",
        urls[0], urls[1], redis.port
    );

    let outcomes = Arc::new(Mutex::new(Outcomes {
        sent_at: vec![None; RATE_PER_SECOND * SECONDS as usize],
        answered_ok: vec![false; RATE_PER_SECOND * SECONDS as usize],
        ..Outcomes::default()
    }));

    // The kiosks.
    let http = subscriber::http_client().unwrap();
    let mut states = Vec::new();
    for k in 0..KIOSKS {
        let name = format!("kiosk-{k:04}");
        let config = SubscriberConfig::new(
            Url::parse(&urls[k % 2]).unwrap(),
            KioskId::parse(&name).unwrap(),
            token_for(&name),
        );
        let mut subscription = Subscription::start(config, http.clone());
        states.push(subscription.watch_state());
        let outcomes = outcomes.clone();
        tokio::spawn(async move {
            while let Some(callback) = subscription.next().await {
                let now = Instant::now();
                let body: serde_json::Value = serde_json::from_slice(&callback.body).unwrap();
                let n: usize = body["state"]
                    .as_str()
                    .and_then(|s| s.strip_prefix("bench-"))
                    .and_then(|s| s.parse().ok())
                    .expect("a bench callback");
                let mut outcomes = outcomes.lock().unwrap();
                if outcomes.delivered_at.insert(n, now).is_some() {
                    outcomes.duplicates += 1;
                }
            }
        });
    }
    let subscribing = Instant::now();
    loop {
        let connected = states
            .iter()
            .filter(|s| matches!(*s.borrow(), ConnectionState::Connected { .. }))
            .count();
        if connected == KIOSKS {
            break;
        }
        assert!(
            subscribing.elapsed() < Duration::from_secs(60),
            "only {connected} of {KIOSKS} kiosks subscribed within 60 s"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    println!(
        "{KIOSKS} kiosks subscribed in {}",
        ms(subscribing.elapsed())
    );

    // Measurement starts.
    let pids = [first.pid(), second.lock().unwrap().pid()];
    let start_samples = [sample(pids[0]), sample(pids[1])];
    let redis_start = redis_pid.map(sample).unwrap_or_default();
    let own_start = sample(std::process::id());
    let started = Instant::now();

    // The restart, halfway.
    let restarter = {
        let second = second.clone();
        tokio::spawn(async move {
            tokio::time::sleep(RESTART_AT).await;
            tokio::task::spawn_blocking(move || {
                let mut relay = second.lock().unwrap();
                let before = sample(relay.pid());
                let down = Instant::now();
                relay.terminate();
                relay.restart();
                (before, down.elapsed(), relay.pid())
            })
            .await
            .unwrap()
        })
    };

    // Entra.
    let entra = reqwest::Client::builder()
        .pool_max_idle_per_host(256)
        .tcp_nodelay(true)
        .build()
        .unwrap();
    let total = RATE_PER_SECOND * SECONDS as usize;
    let mut ticker = tokio::time::interval(Duration::from_secs(1) / RATE_PER_SECOND as u32);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    let mut posts = Vec::with_capacity(total);
    for n in 0..total {
        ticker.tick().await;
        let kiosk = format!("kiosk-{:04}", n % KIOSKS);
        let body = callback_body(
            &format!("req-{n}"),
            "request_retrieved",
            &format!("bench-{n}"),
        );
        let entra = entra.clone();
        let urls = urls.clone();
        let outcomes = outcomes.clone();
        posts.push(tokio::spawn(async move {
            let sent = Instant::now();
            outcomes.lock().unwrap().sent_at[n] = Some(sent);
            for attempt in 0..2 {
                let url = &urls[(n + attempt) % 2];
                let answer = entra
                    .post(format!("{url}/callback/{kiosk}"))
                    .header("api-key", format!("key-{n}"))
                    .header("content-type", "application/json")
                    .body(body.clone())
                    .send()
                    .await;
                match answer {
                    Ok(response) => {
                        let mut outcomes = outcomes.lock().unwrap();
                        outcomes.answer_times.push(sent.elapsed());
                        if response.status().as_u16() == 200 {
                            outcomes.answered_ok[n] = true;
                        } else {
                            outcomes.refused += 1;
                        }
                        return;
                    }
                    // The instance is down: the load balancer would send it to the other.
                    Err(_) => outcomes.lock().unwrap().rerouted += 1,
                }
            }
        }));
    }
    for post in posts {
        let _ = post.await;
    }
    let sending = started.elapsed();
    let (second_before_restart, restart_took, second_pid) = restarter.await.unwrap();

    // Wait (bounded) for every answered callback to arrive.
    let waiting = Instant::now();
    loop {
        let missing = {
            let outcomes = outcomes.lock().unwrap();
            (0..total)
                .filter(|n| outcomes.answered_ok[*n] && !outcomes.delivered_at.contains_key(n))
                .count()
        };
        if missing == 0 || waiting.elapsed() > Duration::from_secs(15) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let wall = started.elapsed().as_secs_f64();
    let end_samples = [sample(pids[0]), sample(second_pid)];
    let redis_end = redis_pid.map(sample).unwrap_or_default();
    let own_end = sample(std::process::id());

    let outcomes = outcomes.lock().unwrap();
    let answered = outcomes.answered_ok.iter().filter(|ok| **ok).count();
    let lost = (0..total)
        .filter(|n| outcomes.answered_ok[*n] && !outcomes.delivered_at.contains_key(n))
        .count();
    let mut latencies: Vec<Duration> = (0..total)
        .filter_map(|n| {
            Some(
                outcomes
                    .delivered_at
                    .get(&n)?
                    .duration_since(outcomes.sent_at[n]?),
            )
        })
        .collect();
    latencies.sort();
    let restart_window = |n: usize| {
        outcomes.sent_at[n].is_some_and(|t| {
            let at = t.duration_since(started);
            at >= RESTART_AT && at <= RESTART_AT + restart_took + Duration::from_secs(2)
        })
    };
    let mut steady: Vec<Duration> = (0..total)
        .filter(|n| !restart_window(*n))
        .filter_map(|n| {
            Some(
                outcomes
                    .delivered_at
                    .get(&n)?
                    .duration_since(outcomes.sent_at[n]?),
            )
        })
        .collect();
    steady.sort();
    let mut answers = outcomes.answer_times.clone();
    answers.sort();

    let cpu = |a: ProcessSample, b: ProcessSample| 100.0 * (b.cpu_seconds - a.cpu_seconds) / wall;
    let first_cpu = cpu(start_samples[0], end_samples[0]);
    // The restarted instance: its first process until the restart, plus the second one.
    let second_cpu = 100.0
        * ((second_before_restart.cpu_seconds - start_samples[1].cpu_seconds)
            + end_samples[1].cpu_seconds)
        / wall;
    let mib = |kib: u64| format!("{:.0} MiB", kib as f64 / 1024.0);

    println!();
    println!("| what | target | measured |");
    println!("|---|---|---|");
    println!("| kiosks subscribed | 1,000 | {KIOSKS} |");
    println!(
        "| callbacks sent (over {:.1} s) / answered 200 | 500/s for 20 s | {total} / {answered} |",
        sending.as_secs_f64()
    );
    println!("| callbacks lost (answered 200, never delivered) | 0 | **{lost}** |");
    println!(
        "| delivered twice (harmless: statuses only move forward) | — | {} |",
        outcomes.duplicates
    );
    println!(
        "| callback → kiosk latency p50 / p99 / max, whole run | p99 < 50 ms | {} / {} / {} |",
        ms(percentile(&latencies, 50.0)),
        ms(percentile(&latencies, 99.0)),
        ms(latencies.last().copied().unwrap_or_default())
    );
    println!(
        "| the same without the 2 s after the restart | — | {} / {} / {} |",
        ms(percentile(&steady, 50.0)),
        ms(percentile(&steady, 99.0)),
        ms(steady.last().copied().unwrap_or_default())
    );
    println!(
        "| time to answer Entra p50 / p99 / max | < 100 ms | {} / {} / {} |",
        ms(percentile(&answers, 50.0)),
        ms(percentile(&answers, 99.0)),
        ms(answers.last().copied().unwrap_or_default())
    );
    println!(
        "| instance restart (SIGTERM → listening again) | — | {} ({} callbacks re-sent to the other instance, {} refused) |",
        ms(restart_took),
        outcomes.rerouted,
        outcomes.refused
    );
    println!(
        "| relay CPU, instance 1 / instance 2 (restarted) | — | {first_cpu:.0} % / {second_cpu:.0} % of one core |"
    );
    println!(
        "| relay memory (RSS at the end, peak), instance 1 / instance 2 | — | {}, {} / {}, {} (restarted at {}) |",
        mib(end_samples[0].rss_kib),
        mib(end_samples[0].peak_rss_kib),
        mib(end_samples[1].rss_kib),
        mib(end_samples[1].peak_rss_kib),
        mib(second_before_restart.peak_rss_kib)
    );
    println!(
        "| redis-server CPU / RSS | — | {:.0} % / {} |",
        cpu(redis_start, redis_end),
        mib(redis_end.rss_kib)
    );
    println!(
        "| load generator (1,000 kiosks + Entra, this process) CPU | — | {:.0} % |",
        cpu(own_start, own_end)
    );
    drop(outcomes);
    assert_eq!(lost, 0, "callbacks were lost");
    assert_eq!(answered, total, "some callbacks were not answered 200");
}
