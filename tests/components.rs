//! Components in a real browser (wasm-bindgen-test in headless Chromium): what each one draws
//! from given data, without the network. Run by `scripts/test`, or alone with
//! `cargo test -p carnet --target wasm32-unknown-unknown` after `source scripts/env.sh`.
#![cfg(target_arch = "wasm32")]
// The app's views nest deeply in types (see src/lib.rs).
#![recursion_limit = "256"]

use carnet::api::LoadError;
use carnet::components::{
    ListPosts, LoadErrorView, Pager, PostArticle, PostCard, ReadableDate, Sidebar,
};
use carnet::routes::NotFoundPage;
use carnet::store::{Load, SharedIndex, Store};
use carnet::urls::SiteUrls;
use carnet_core::archive::list_pages;
use carnet_core::i18n::{Language, Strings};
use carnet_core::{Bucket, List, Manifest, Page, PostSummary};
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos_router::components::Router;
use seed_blog::{manifest, post};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

mod seed_blog;

wasm_bindgen_test_configure!(run_in_browser);

fn seed_blog() -> SharedIndex {
    SharedIndex::new(manifest().index())
}

/// A fresh element in the document to mount into.
fn container() -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let element: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&element).unwrap();
    element
}

fn texts(root: &HtmlElement, selector: &str) -> Vec<String> {
    let nodes = root.query_selector_all(selector).unwrap();
    (0..nodes.length())
        .map(|i| nodes.item(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

fn attribute(root: &HtmlElement, selector: &str, name: &str) -> Option<String> {
    root.query_selector(selector).unwrap()?.get_attribute(name)
}

#[wasm_bindgen_test]
fn a_date_is_readable_in_the_blogs_language_and_machine_readable() {
    let root = container();
    let _mounted = mount_to(root.clone(), || {
        provide_context::<&'static Strings>(Language::French.strings());
        view! { <ReadableDate date="2009-10-01".parse().unwrap() /> }
    });
    assert_eq!(texts(&root, "time"), ["1er octobre 2009"]);
    assert_eq!(
        attribute(&root, "time", "datetime").as_deref(),
        Some("2009-10-01")
    );
}

#[wasm_bindgen_test]
fn a_draft_shown_by_an_authors_preview_is_marked_in_its_byline() {
    let root = container();
    let _mounted = mount_to(root.clone(), || {
        provide_context(SiteUrls::new("/"));
        provide_context::<&'static Strings>(Language::French.strings());
        let draft = PostSummary {
            draft: true,
            ..post("idee", "Une idée", "2009-01-07", "Actus", &[])
        };
        view! {
            <Router>
                <PostCard post=draft />
                <PostCard post=post("fait", "Fait", "2009-01-06", "Actus", &[]) />
            </Router>
        }
    });
    assert_eq!(
        texts(&root, ".byline"),
        [
            "Brouillon Publié le 7 janvier 2009 dans Actus",
            "Publié le 6 janvier 2009 dans Actus"
        ]
    );
    assert_eq!(texts(&root, ".byline .draft-mark"), ["Brouillon"]);
}

#[wasm_bindgen_test]
fn post_card_links_title_category_and_read_more_under_the_base_path() {
    let root = container();
    let _mounted = mount_to(root.clone(), || {
        provide_context(SiteUrls::new("/blog/"));
        provide_context::<&'static Strings>(Language::French.strings());
        view! {
            <Router>
                <PostCard post=post("b2b", "Les réseaux B2B", "2009-01-07", "Réseaux sociaux", &[]) />
            </Router>
        }
    });
    assert_eq!(texts(&root, "h2 a"), ["Les réseaux B2B"]);
    assert_eq!(
        attribute(&root, "h2 a", "href").as_deref(),
        Some("/blog/posts/b2b/")
    );
    assert_eq!(
        texts(&root, ".byline"),
        ["Publié le 7 janvier 2009 dans Réseaux sociaux"]
    );
    assert_eq!(
        attribute(&root, ".byline a", "href").as_deref(),
        Some("/blog/category/reseaux-sociaux/")
    );
    assert_eq!(texts(&root, ".reading-time"), ["3\u{A0}min de lecture"]);
    assert_eq!(texts(&root, ".excerpt"), ["Extrait de Les réseaux B2B."]);
    assert_eq!(
        texts(&root, ".read-more a"),
        ["Lire la suite : Les réseaux B2B »"]
    );
}

#[wasm_bindgen_test]
fn sidebar_counts_categories_and_months_and_lists_recent_posts() {
    let root = container();
    let _mounted = mount_to(root.clone(), || {
        provide_context(SiteUrls::new("/"));
        provide_context::<&'static Strings>(Language::French.strings());
        provide_context(seed_blog());
        view! {
            <Router>
                <Sidebar />
            </Router>
        }
    });
    let sections = texts(&root, "section h2");
    assert_eq!(sections, ["Articles récents", "Catégories", "Archives"]);
    assert_eq!(
        texts(&root, "section:nth-of-type(2) li"),
        ["Actus (2)", "Réseaux sociaux (1)", "Usages (1)"]
    );
    assert_eq!(
        texts(&root, "section:nth-of-type(3) li"),
        ["octobre 2009 (2)", "mars 2009 (1)", "janvier 2009 (1)"]
    );
    assert_eq!(
        attribute(&root, "section:nth-of-type(3) li a", "href").as_deref(),
        Some("/archive/2009/10/")
    );
    assert_eq!(
        texts(&root, "section:nth-of-type(1) li"),
        [
            "Community manager",
            "Un autre billet",
            "Générer du business",
            "Les réseaux B2B"
        ]
    );
}

#[wasm_bindgen_test]
async fn load_error_explains_and_retries() {
    let root = container();
    let retries = RwSignal::new(0);
    let _mounted = mount_to(root.clone(), move || {
        provide_context::<&'static Strings>(Language::French.strings());
        view! {
            <LoadErrorView
                error=LoadError::Network
                title="Impossible de charger le blog."
                on_retry=Callback::new(move |()| retries.update(|n| *n += 1))
            />
        }
    });
    assert_eq!(attribute(&root, "div", "role").as_deref(), Some("alert"));
    let text = root.text_content().unwrap();
    assert!(text.contains("Impossible de charger le blog."), "{text}");
    assert!(text.contains("Vérifiez votre connexion"), "{text}");
    let button: HtmlElement = root
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(button.text_content().as_deref(), Some("Réessayer"));
    button.click();
    button.click();
    leptos::task::tick().await;
    assert_eq!(retries.get_untracked(), 2);
}

#[wasm_bindgen_test]
async fn post_article_shows_body_byline_comments_and_neighbours() {
    let root = container();
    let _mounted = mount_to(root.clone(), || {
        let site = SiteUrls::new("/");
        provide_context(site.clone());
        provide_context::<&'static Strings>(Language::French.strings());
        provide_context(seed_blog());
        let manifest = manifest();
        let position = manifest.posts.iter().position(|p| p.slug == "autre");
        let store = Store::new(site, Language::French);
        let mut post = manifest.post_at(position.unwrap(), "Le *corps*.");
        post.related = vec![carnet_core::PostLink {
            slug: "b2b".into(),
            title: "Les réseaux B2B".into(),
        }];
        store.insert_post(post);
        provide_context(store);
        let Load::Ready(post) = store.post("autre") else {
            panic!("an inserted post is ready");
        };
        view! {
            <Router>
                <PostArticle post />
            </Router>
        }
    });
    leptos::task::tick().await;
    assert_eq!(texts(&root, "h1"), ["Un autre billet"]);
    assert_eq!(
        texts(&root, ".byline"),
        ["Publié le 1er octobre 2009 dans Actus par admin"]
    );
    assert_eq!(texts(&root, ".reading-time"), ["3\u{A0}min de lecture"]);
    assert_eq!(texts(&root, ".post-body em"), ["corps"]);
    assert_eq!(texts(&root, ".comments-closed"), ["Commentaires fermés"]);
    assert_eq!(texts(&root, ".related h2"), ["À lire aussi"]);
    assert_eq!(texts(&root, ".related li"), ["Les réseaux B2B"]);
    assert_eq!(
        attribute(&root, ".related a", "href").as_deref(),
        Some("/posts/b2b/")
    );
    assert_eq!(
        texts(&root, ".neighbours p"),
        [
            "← Billet précédentGénérer du business",
            "Billet suivant →Community manager"
        ]
    );
    assert_eq!(
        attribute(&root, ".older a", "href").as_deref(),
        Some("/posts/business/")
    );
    assert_eq!(
        attribute(&root, ".newer a", "href").as_deref(),
        Some("/posts/cm/")
    );
}

#[wasm_bindgen_test]
fn not_found_page_links_home() {
    let root = container();
    let _mounted = mount_to(root.clone(), || {
        provide_context(SiteUrls::new("/blog"));
        provide_context::<&'static Strings>(Language::French.strings());
        provide_context(seed_blog());
        view! {
            <Router>
                <NotFoundPage />
            </Router>
        }
    });
    assert_eq!(texts(&root, "h1"), ["Page introuvable"]);
    assert_eq!(attribute(&root, "a", "href").as_deref(), Some("/blog/"));
}

#[wasm_bindgen_test]
async fn app_without_embedded_data_fetches_the_index_and_explains_a_failure() {
    // The test runner serves no blog: the index's URL answers 404.
    let root = container();
    let _mounted = mount_to(root.clone(), || {
        carnet::app::provide_app_context(
            SiteUrls::new("/no-blog-here/"),
            carnet_core::i18n::Language::French,
            None,
        );
        view! { <carnet::App /> }
    });
    leptos::task::tick().await;
    assert_eq!(texts(&root, "p.loading"), ["Chargement du carnet…"]);
    let mut text = String::new();
    for _ in 0..100 {
        sleep(20).await;
        text = root.text_content().unwrap_or_default();
        if text.contains("Impossible") {
            break;
        }
    }
    assert!(text.contains("Impossible de charger le blog."), "{text}");
    assert!(text.contains("erreur 404"), "{text}");
    assert_eq!(texts(&root, "button"), ["Réessayer"]);
}

/// Waits `ms` milliseconds, letting the browser run fetches and timers.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
fn pager_links_the_neighbouring_pages_and_hides_when_one_page_is_enough() {
    let root = container();
    let _mounted = mount_to(root.clone(), || {
        provide_context(SiteUrls::new("/"));
        provide_context::<&'static Strings>(Language::French.strings());
        view! {
            <Router>
                <Pager number=1 count=1 list=List::Home />
                <Pager number=1 count=3 list=List::Home />
                <Pager number=3 count=3 list=List::Home />
            </Router>
        }
    });
    assert_eq!(
        texts(&root, "nav.pager").len(),
        2,
        "no pager for a single page"
    );
    assert_eq!(
        texts(&root, "nav.pager"),
        [
            "Page 1 sur 3Billets plus anciens →",
            "← Billets plus récentsPage 3 sur 3"
        ]
    );
    assert_eq!(
        attribute(&root, "a[rel=next]", "href").as_deref(),
        Some("/page/2/")
    );
    assert_eq!(
        attribute(&root, "a[rel=prev]", "href").as_deref(),
        Some("/page/2/")
    );
}

#[wasm_bindgen_test]
async fn list_posts_draws_an_embedded_page_and_explains_a_missing_one() {
    let root = container();
    let _mounted = mount_to(root.clone(), || {
        let site = SiteUrls::new("/no-blog-here/");
        provide_context(site.clone());
        provide_context::<&'static Strings>(Language::French.strings());
        provide_context(seed_blog());
        let manifest = manifest();
        let store = Store::new(site, Language::French);
        for (list, posts) in manifest.lists() {
            if list == List::Category("actus".into()) {
                list_pages(list, posts, 10).for_each(|page| store.insert_list_page(page));
            }
        }
        provide_context(store);
        view! {
            <Router>
                <div class="embedded">
                    <ListPosts list=List::Category("actus".into()) number=1 />
                </div>
                <div class="fetched">
                    <ListPosts list=List::Home number=1 />
                </div>
            </Router>
        }
    });
    leptos::task::tick().await;
    assert_eq!(
        texts(&root, ".embedded h2"),
        ["Community manager", "Un autre billet"]
    );
    assert_eq!(
        texts(&root, ".fetched p.loading"),
        ["Chargement des billets…"]
    );
    let mut text = String::new();
    for _ in 0..100 {
        sleep(20).await;
        text = texts(&root, ".fetched").concat();
        if text.contains("Impossible") {
            break;
        }
    }
    assert!(
        text.contains("Impossible de charger ces billets."),
        "{text}"
    );
    assert!(text.contains("erreur 404"), "{text}");
    assert_eq!(texts(&root, ".fetched button"), ["Réessayer"]);
}

#[wasm_bindgen_test]
async fn pages_that_came_in_a_bucket_are_drawn_without_a_fetch() {
    let root = container();
    let _mounted = mount_to(root.clone(), || {
        // Nothing is served there: a fetch would show an error.
        let site = SiteUrls::new("/no-blog-here/");
        provide_context(site.clone());
        provide_context::<&'static Strings>(Language::French.strings());
        provide_context(seed_blog());
        let manifest = manifest();
        let store = Store::new(site, Language::French);
        let mut bucket = Bucket::default();
        for (list, posts) in manifest.lists() {
            if list == List::Category("usages".into()) {
                list_pages(list, posts, 10).for_each(|page| bucket.insert(Page::List(page)));
            }
        }
        let position = manifest.posts.iter().position(|p| p.slug == "business");
        let post = manifest.post_at(position.unwrap(), "Le *corps*.");
        bucket.insert(Page::Post(Box::new(post)));
        store.keep(bucket);
        provide_context(store);
        let Load::Ready(post) = store.post("business") else {
            panic!("a post that came in a bucket is ready");
        };
        view! {
            <Router>
                <div class="list">
                    <ListPosts list=List::Category("usages".into()) number=1 />
                </div>
                <PostArticle post />
            </Router>
        }
    });
    leptos::task::tick().await;
    assert_eq!(texts(&root, ".list h2"), ["Générer du business"]);
    assert_eq!(texts(&root, "h1"), ["Générer du business"]);
    assert_eq!(texts(&root, ".post-body em"), ["corps"]);
    assert!(texts(&root, "p.loading").is_empty());
}

#[wasm_bindgen_test]
fn sidebar_lists_only_the_latest_months() {
    let root = container();
    let _mounted = mount_to(root.clone(), || {
        provide_context(SiteUrls::new("/"));
        provide_context::<&'static Strings>(Language::French.strings());
        let posts = (1..=30)
            .map(|i| {
                let date = format!("{}-{:02}-01", 2000 + (i - 1) / 12, (i - 1) % 12 + 1);
                post(&format!("p{i}"), "Billet", &date, "Actus", &[])
            })
            .collect();
        let manifest = Manifest::new(manifest().site, posts);
        provide_context(SharedIndex::new(manifest.index()));
        view! {
            <Router>
                <Sidebar />
            </Router>
        }
    });
    let months = texts(&root, "section:nth-of-type(3) li");
    assert_eq!(months.len(), carnet::components::SIDEBAR_MONTHS);
    assert_eq!(months[0], "juin 2002 (1)");
    assert_eq!(texts(&root, ".all-archives a"), ["Toutes les archives"]);
}
