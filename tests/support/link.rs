//! A TCP link to the database that a test can cut, as a network or database outage does: every
//! connection through it is closed at once, and new ones are closed as soon as they open, until it
//! is restored.

use std::net::SocketAddr;

use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

pub struct DatabaseLink {
    /// The local port that leads to the database.
    pub port: u16,
    cut: watch::Sender<bool>,
}

impl DatabaseLink {
    /// A link from a free local port to `database`.
    pub async fn to(database: SocketAddr) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a free local port");
        let port = listener.local_addr().unwrap().port();
        let (cut, is_cut) = watch::channel(false);
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                if *is_cut.borrow() {
                    continue;
                }
                tokio::spawn(carry(client, database, is_cut.clone()));
            }
        });
        DatabaseLink { port, cut }
    }

    /// A link to the test database (`postgres_url`).
    pub async fn to_postgres() -> Self {
        let url = crate::postgres_url();
        let host_start = url
            .rfind('@')
            .map_or(url.find("://").unwrap() + 3, |at| at + 1);
        let host = &url[host_start..];
        let address = &host[..host.find('/').unwrap_or(host.len())];
        let database = tokio::net::lookup_host(address)
            .await
            .expect("the test database's address")
            .next()
            .expect("an address");
        Self::to(database).await
    }

    /// `url` (a PostgreSQL URL with a host and port) through this link.
    pub fn url(&self, url: &str) -> String {
        let host_start = url
            .rfind('@')
            .map_or(url.find("://").unwrap() + 3, |at| at + 1);
        let host_end = host_start + url[host_start..].find('/').unwrap();
        let host = &url[host_start..host_end];
        let name = host.rsplit_once(':').map_or(host, |(name, _)| name);
        format!(
            "{}{name}:{}{}",
            &url[..host_start],
            self.port,
            &url[host_end..]
        )
    }

    /// Closes every connection and refuses new ones.
    pub fn cut(&self) {
        self.cut.send_replace(true);
    }

    /// Lets connections through again.
    pub fn restore(&self) {
        self.cut.send_replace(false);
    }
}

async fn carry(mut client: TcpStream, database: SocketAddr, mut is_cut: watch::Receiver<bool>) {
    let Ok(mut server) = TcpStream::connect(database).await else {
        return;
    };
    // Each small message goes on at once, as on a direct connection.
    let _ = client.set_nodelay(true);
    let _ = server.set_nodelay(true);
    tokio::select! {
        _ = tokio::io::copy_bidirectional(&mut client, &mut server) => {}
        _ = is_cut.wait_for(|cut| *cut) => {}
    }
}
