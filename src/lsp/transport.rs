//! The stdio transport. lsp-server's own (`Connection::stdio`) stops reading
//! at the first message that is not valid JSON, which would end the server,
//! and allocates whatever length a header announces: here a malformed
//! message is logged to the client and reading goes on (the framing is
//! intact: the whole payload was read before parsing), and a length beyond
//! any real message ends reading rather than the process.

use std::io::{self, BufRead, BufReader, ErrorKind};
use std::thread::{self, JoinHandle};

use crossbeam_channel::{Receiver, Sender, bounded, unbounded};
use lsp_server::{Connection, Message, Notification};
use lsp_types::notification::{LogMessage, Notification as _};
use lsp_types::{LogMessageParams, MessageType};

/// The reader and writer threads, joined when the server stops.
pub struct IoThreads {
    reader: JoinHandle<()>,
    writer: JoinHandle<io::Result<()>>,
}

impl IoThreads {
    pub fn join(self) -> io::Result<()> {
        // A reader blocked on standard input ends with the process: it is not waited for.
        drop(self.reader);
        self.writer.join().unwrap_or_else(|_| Err(io::Error::other("the writer thread panicked")))
    }
}

pub fn stdio() -> (Connection, IoThreads) {
    let (to_client, outgoing) = unbounded::<Message>();
    let (incoming, from_client) = bounded::<Message>(16);
    let writer = thread::spawn(move || write_all(&outgoing));
    let log = to_client.clone();
    let reader = thread::spawn(move || read_all(&incoming, &log));
    (Connection { sender: to_client, receiver: from_client }, IoThreads { reader, writer })
}

fn write_all(outgoing: &Receiver<Message>) -> io::Result<()> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    for message in outgoing {
        message.write(&mut out)?;
    }
    Ok(())
}

/// The largest message read: far above any agreement an editor sends (a
/// whole document per change), far below what would exhaust memory when a
/// broken client announces a length it never sends.
const MAX_MESSAGE: usize = 512 * 1024 * 1024;

fn read_all(incoming: &Sender<Message>, log: &Sender<Message>) {
    let mut input = BufReader::new(io::stdin().lock());
    loop {
        let payload = match read_payload(&mut input) {
            Ok(Some(p)) => p,
            // End of input: the client has gone.
            Ok(None) => return,
            // Broken framing: nothing after it can be trusted.
            Err(e) => {
                eprintln!("s75 lsp: {e}; stopping");
                return;
            }
        };
        match serde_json::from_slice::<Message>(&payload) {
            Ok(message) => {
                let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                if incoming.send(message).is_err() || exit {
                    return;
                }
            }
            // Not a message, but framed: the next one can still be read.
            Err(e) => {
                let params = LogMessageParams {
                    typ: MessageType::ERROR,
                    message: format!("s75: ignored a malformed message ({e})"),
                };
                let _ = log.send(Notification::new(LogMessage::METHOD.to_string(), params).into());
            }
        }
    }
}

/// One message's bytes: headers up to an empty line, then Content-Length bytes.
fn read_payload(input: &mut impl BufRead) -> io::Result<Option<Vec<u8>>> {
    let mut length = None;
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value.trim().parse::<usize>().ok();
            }
        }
    }
    let length = length.ok_or_else(|| io::Error::new(ErrorKind::InvalidData, "a message without a Content-Length"))?;
    if length > MAX_MESSAGE {
        return Err(io::Error::new(ErrorKind::InvalidData, format!("a message of {length} bytes")));
    }
    let mut payload = vec![0; length];
    input.read_exact(&mut payload)?;
    Ok(Some(payload))
}
