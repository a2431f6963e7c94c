//! The network: fetching the index, list pages and posts, with errors a reader can understand.
//!
//! Nothing else in the app talks to the network. Every failure becomes a [`LoadError`], which
//! says in French what went wrong; pages show it with a « Réessayer » button.

use crate::site::Site;
use carnet_core::model::{Index, List, ListPage, Post, SCHEMA_VERSION};
use carnet_core::paths;
use gloo_net::http::Request;
use serde::de::DeserializeOwned;
use std::fmt;

/// Why something could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// No answer: offline, DNS, connection reset…
    Network,
    /// The server answered with this HTTP status.
    Status(u16),
    /// The answer is not the JSON Carnet writes.
    Invalid(String),
    /// The data was written by another version of Carnet.
    Version(u32),
}

impl fmt::Display for LoadError {
    /// The message shown to the reader, in French.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Network => f.write_str(
                "Le serveur est injoignable. Vérifiez votre connexion à Internet, puis réessayez.",
            ),
            LoadError::Status(404) => {
                f.write_str("Le serveur ne trouve pas ce contenu (erreur 404).")
            }
            LoadError::Status(status) => write!(f, "Le serveur a répondu par une erreur {status}."),
            LoadError::Invalid(_) => {
                f.write_str("Les données reçues sont illisibles : le site est peut-être en cours de mise à jour.")
            }
            LoadError::Version(version) => write!(
                f,
                "Les données du site sont au format {version}, que cette version de Carnet ne lit pas \
                 (format {SCHEMA_VERSION}). Rechargez la page."
            ),
        }
    }
}

/// Fetches the blog's index.
pub async fn fetch_index(site: &Site) -> Result<Index, LoadError> {
    let index: Index = fetch_json(&site.index_url()).await?;
    check_version(index.version)?;
    Ok(index)
}

/// Fetches page `number` of `list`.
pub async fn fetch_list_page(
    site: &Site,
    list: &List,
    number: usize,
) -> Result<ListPage, LoadError> {
    let page: ListPage = fetch_json(&site.page_data_url(&list.page(number))).await?;
    check_version(page.version)?;
    Ok(page)
}

/// Fetches the post `slug`: a [`LoadError::Status`] 404 if there is none.
pub async fn fetch_post(site: &Site, slug: &str) -> Result<Post, LoadError> {
    let post: Post = fetch_json(&site.page_data_url(&paths::post(slug))).await?;
    check_version(post.version)?;
    Ok(post)
}

fn check_version(version: u32) -> Result<(), LoadError> {
    if version == SCHEMA_VERSION {
        Ok(())
    } else {
        Err(LoadError::Version(version))
    }
}

async fn fetch_json<T: DeserializeOwned>(url: &str) -> Result<T, LoadError> {
    let response = Request::get(url)
        .send()
        .await
        .map_err(|_| LoadError::Network)?;
    if !response.ok() {
        return Err(LoadError::Status(response.status()));
    }
    let text = response.text().await.map_err(|_| LoadError::Network)?;
    serde_json::from_str(&text).map_err(|error| LoadError::Invalid(error.to_string()))
}
