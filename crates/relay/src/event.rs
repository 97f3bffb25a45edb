//! What the relay keeps and sends for each callback, and how it names it.
//!
//! An event is one callback as Entra sent it: the `api-key` header value and the JSON body,
//! untouched (the relay cannot check the key, the kiosk does). Its id is the Redis Stream
//! entry id `<milliseconds>-<sequence>` (the in-memory store makes ids of the same shape), sent
//! as the SSE `id`, so the `Last-Event-ID` a kiosk reconnects with is a position in its stream.
//!
//! On the wire an event's SSE `data` is one line of JSON: `{"apiKey":"…","body":{…}}`, the body
//! embedded as it came except that CR and LF become spaces (outside strings they are JSON
//! whitespace, and inside strings JSON forbids them, so the meaning is unchanged).

use std::fmt;
use std::str::FromStr;

use axum::body::Bytes;
use serde::Deserialize;
use serde_json::value::RawValue;

/// A position in a kiosk's stream: a Redis Stream entry id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EventId {
    pub millis: u64,
    pub sequence: u64,
}

/// An `EventId` that was not `<digits>-<digits>` (or `0`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("an event id is <milliseconds>-<sequence>, e.g. 1718000000000-0")]
pub struct EventIdError;

impl EventId {
    /// Before every event: reading after it reads everything kept.
    pub const ZERO: EventId = EventId {
        millis: 0,
        sequence: 0,
    };

    /// The id right after this one.
    pub fn next(self) -> EventId {
        match self.sequence.checked_add(1) {
            Some(sequence) => EventId {
                millis: self.millis,
                sequence,
            },
            None => EventId {
                millis: self.millis.saturating_add(1),
                sequence: 0,
            },
        }
    }
}

impl FromStr for EventId {
    type Err = EventIdError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let digits = |part: &str| -> Result<u64, EventIdError> {
            if part.is_empty() || part.len() > 20 || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(EventIdError);
            }
            part.parse().map_err(|_| EventIdError)
        };
        match text.split_once('-') {
            Some((millis, sequence)) => Ok(EventId {
                millis: digits(millis)?,
                sequence: digits(sequence)?,
            }),
            None => Ok(EventId {
                millis: digits(text)?,
                sequence: 0,
            }),
        }
    }
}

impl fmt::Display for EventId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.millis, self.sequence)
    }
}

/// One callback as received: the `api-key` header value and the body (a JSON object).
#[derive(Clone, PartialEq, Eq)]
pub struct CallbackRecord {
    pub api_key: String,
    pub body: Bytes,
}

impl fmt::Debug for CallbackRecord {
    /// The key is a secret and the body may hold claims: only the body's size is shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CallbackRecord")
            .field("api_key", &"[REDACTED]")
            .field("body_bytes", &self.body.len())
            .finish()
    }
}

/// A kept callback and its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCallback {
    pub id: EventId,
    pub record: CallbackRecord,
}

/// The SSE `data` of an event (see the module comment). `None` if the body is not UTF-8, which
/// a checked body always is.
pub(crate) fn sse_data(record: &CallbackRecord) -> Option<String> {
    let body = std::str::from_utf8(&record.body).ok()?;
    let api_key = serde_json::to_string(&record.api_key).ok()?;
    let mut data = String::with_capacity(body.len() + api_key.len() + 20);
    data.push_str("{\"apiKey\":");
    data.push_str(&api_key);
    data.push_str(",\"body\":");
    data.extend(
        body.chars()
            .map(|c| if c == '\r' || c == '\n' { ' ' } else { c }),
    );
    data.push('}');
    Some(data)
}

#[derive(Deserialize)]
struct WireEvent<'a> {
    #[serde(rename = "apiKey")]
    api_key: String,
    #[serde(borrow)]
    body: &'a RawValue,
}

/// Reads an event's SSE `data` back into a record.
pub(crate) fn parse_sse_data(data: &str) -> Option<CallbackRecord> {
    let wire: WireEvent<'_> = serde_json::from_str(data).ok()?;
    Some(CallbackRecord {
        api_key: wire.api_key,
        body: Bytes::copy_from_slice(wire.body.get().as_bytes()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_and_print_as_stream_ids() {
        let id: EventId = "1718000000000-3".parse().unwrap();
        assert_eq!(id.to_string(), "1718000000000-3");
        assert_eq!("5".parse::<EventId>().unwrap().to_string(), "5-0");
        for bad in [
            "",
            "-",
            "1-",
            "-1",
            "a-1",
            "1-2-3",
            "+1-0",
            "1 -0",
            "99999999999999999999999-0",
        ] {
            assert!(bad.parse::<EventId>().is_err(), "{bad:?}");
        }
        assert!(EventId::ZERO < id);
        assert!(id < id.next());
    }

    #[test]
    fn the_wire_form_keeps_key_and_body_on_one_line() {
        let record = CallbackRecord {
            api_key: "k\"ey".into(),
            body: Bytes::from_static(b"{\r\n  \"requestId\": \"r\",\n \"x\": [1, 2.50]\n}"),
        };
        let data = sse_data(&record).unwrap();
        assert!(!data.contains('\n') && !data.contains('\r'));
        let back = parse_sse_data(&data).unwrap();
        assert_eq!(back.api_key, "k\"ey");
        let value: serde_json::Value = serde_json::from_slice(&back.body).unwrap();
        assert_eq!(value["requestId"], "r");
        assert_eq!(
            back.body.as_ref(),
            b"{    \"requestId\": \"r\",  \"x\": [1, 2.50] }"
        );
    }
}
