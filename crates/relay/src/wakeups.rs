//! This instance's subscribers, by kiosk, and the signal that wakes them when their stream may
//! have grown. A signal carries no event: a woken subscriber reads its stream after the last id
//! it sent, so a missed or doubled signal only costs a read, never an event.
//!
//! Also where the subscription limits are counted (this instance's share: instances do not
//! share counts).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::watch;

use crate::kiosk::KioskId;

/// Why a subscription was not opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SubscriptionRefusal {
    /// 429: the kiosk already has the most subscriptions allowed on this instance.
    #[error("this kiosk already has {0} subscriptions open on this instance")]
    TooManyForKiosk(usize),
    /// 503: this instance holds as many subscriptions as it may.
    #[error("this instance already holds {0} subscriptions")]
    TooManyInTotal(usize),
}

struct Kiosk {
    signal: watch::Sender<u64>,
    subscribers: usize,
}

#[derive(Default)]
struct Table {
    kiosks: HashMap<KioskId, Kiosk>,
    total: usize,
}

/// The subscribers of one relay instance.
pub struct Wakeups {
    table: Mutex<Table>,
    max_total: usize,
    max_per_kiosk: usize,
}

/// One open subscription; dropping it ends its count.
pub struct Subscribed {
    wakeups: Arc<Wakeups>,
    kiosk: KioskId,
    /// Changes whenever the kiosk's stream may have grown.
    pub signal: watch::Receiver<u64>,
}

impl Wakeups {
    pub fn new(max_total: usize, max_per_kiosk: usize) -> Arc<Self> {
        Arc::new(Self {
            table: Mutex::new(Table::default()),
            max_total: max_total.max(1),
            max_per_kiosk: max_per_kiosk.max(1),
        })
    }

    fn table(&self) -> MutexGuard<'_, Table> {
        self.table.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Counts a new subscription of `kiosk`, within the limits.
    pub fn subscribe(self: &Arc<Self>, kiosk: &KioskId) -> Result<Subscribed, SubscriptionRefusal> {
        let mut table = self.table();
        if table.total >= self.max_total {
            return Err(SubscriptionRefusal::TooManyInTotal(self.max_total));
        }
        let entry = table.kiosks.entry(kiosk.clone()).or_insert_with(|| Kiosk {
            signal: watch::channel(0).0,
            subscribers: 0,
        });
        if entry.subscribers >= self.max_per_kiosk {
            return Err(SubscriptionRefusal::TooManyForKiosk(self.max_per_kiosk));
        }
        entry.subscribers += 1;
        let signal = entry.signal.subscribe();
        table.total += 1;
        Ok(Subscribed {
            wakeups: self.clone(),
            kiosk: kiosk.clone(),
            signal,
        })
    }

    /// Wakes `kiosk`'s subscribers on this instance, if it has any.
    pub fn wake(&self, kiosk: &KioskId) {
        if let Some(entry) = self.table().kiosks.get(kiosk) {
            entry.signal.send_modify(|n| *n = n.wrapping_add(1));
        }
    }

    /// Wakes every subscriber: after a gap in which signals may have been missed.
    pub fn wake_all(&self) {
        for entry in self.table().kiosks.values() {
            entry.signal.send_modify(|n| *n = n.wrapping_add(1));
        }
    }

    /// Subscriptions open on this instance.
    pub fn subscriptions(&self) -> usize {
        self.table().total
    }

    fn unsubscribe(&self, kiosk: &KioskId) {
        let mut table = self.table();
        table.total = table.total.saturating_sub(1);
        if let Some(entry) = table.kiosks.get_mut(kiosk) {
            entry.subscribers = entry.subscribers.saturating_sub(1);
            if entry.subscribers == 0 {
                table.kiosks.remove(kiosk);
            }
        }
    }
}

impl Drop for Subscribed {
    fn drop(&mut self) {
        self.wakeups.unsubscribe(&self.kiosk);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_counted_and_released() {
        let wakeups = Wakeups::new(3, 2);
        let a = KioskId::parse("a").unwrap();
        let b = KioskId::parse("b").unwrap();
        let first = wakeups.subscribe(&a).unwrap();
        let _second = wakeups.subscribe(&a).unwrap();
        assert_eq!(
            wakeups.subscribe(&a).err(),
            Some(SubscriptionRefusal::TooManyForKiosk(2))
        );
        let _third = wakeups.subscribe(&b).unwrap();
        assert_eq!(
            wakeups.subscribe(&b).err(),
            Some(SubscriptionRefusal::TooManyInTotal(3))
        );
        drop(first);
        assert_eq!(wakeups.subscriptions(), 2);
        assert!(wakeups.subscribe(&a).is_ok());
    }

    #[test]
    fn a_wake_reaches_the_kiosks_subscribers_only() {
        let wakeups = Wakeups::new(10, 2);
        let a = KioskId::parse("a").unwrap();
        let b = KioskId::parse("b").unwrap();
        let mut sub_a = wakeups.subscribe(&a).unwrap();
        let sub_b = wakeups.subscribe(&b).unwrap();
        wakeups.wake(&a);
        assert!(sub_a.signal.has_changed().unwrap());
        assert!(!sub_b.signal.has_changed().unwrap());
        sub_a.signal.mark_unchanged();
        wakeups.wake_all();
        assert!(sub_a.signal.has_changed().unwrap());
        assert!(sub_b.signal.has_changed().unwrap());
    }
}
