//! The stdio transport. lsp-server's own (`Connection::stdio`) stops reading
//! at the first message that is not valid JSON, which would end the server:
//! here such a message is logged to the client and reading goes on (the
//! framing is intact: the whole payload was read before parsing failed).

use std::io::{self, BufReader, ErrorKind};
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

fn read_all(incoming: &Sender<Message>, log: &Sender<Message>) {
    let mut input = BufReader::new(io::stdin().lock());
    loop {
        match Message::read(&mut input) {
            Ok(Some(message)) => {
                let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                if incoming.send(message).is_err() || exit {
                    return;
                }
            }
            // End of input: the client has gone.
            Ok(None) => return,
            // A payload that is not a message: its bytes were consumed, the next message can be read.
            Err(e) if e.kind() == ErrorKind::InvalidData && e.to_string().starts_with("malformed LSP payload") => {
                let params = LogMessageParams { typ: MessageType::ERROR, message: format!("s75: ignored {e}") };
                let _ = log.send(Notification::new(LogMessage::METHOD.to_string(), params).into());
            }
            // Broken framing (a bad header): nothing after it can be trusted.
            Err(e) => {
                eprintln!("s75 lsp: {e}; stopping");
                return;
            }
        }
    }
}
