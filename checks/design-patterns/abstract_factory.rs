//! Checks for `exercises/design-patterns/src/abstract_factory.rs`.

use std::any::TypeId;
use std::collections::HashMap;

use design_patterns::abstract_factory::{Aws, Cloud, Gcp, Notifier, Queue, Storage, UploadService};

fn aws() -> Aws {
    Aws {
        region: "ap-south-1".into(),
        account: "123456789012".into(),
        bucket: "videos".into(),
    }
}

/// What `storage` holds under `key`, as text.
fn text(storage: &impl Storage, key: &str) -> Option<String> {
    storage
        .get(key)
        .map(|bytes| String::from_utf8_lossy(bytes).into_owned())
}

fn gcp() -> Gcp {
    Gcp {
        project: "clips-prod".into(),
        bucket: "clips".into(),
    }
}

#[test]
fn aws_makes_s3_urls_an_sqs_queue_and_an_sns_topic() {
    let cloud = aws();
    let mut storage = cloud.storage();
    assert_eq!(
        storage.put("cat.mp4", b"meow".to_vec()),
        "s3://videos/cat.mp4",
        "S3 object URLs are s3://<bucket>/<key>"
    );
    assert_eq!(
        cloud.queue("transcode").address(),
        "https://sqs.ap-south-1.amazonaws.com/123456789012/transcode",
        "SQS queue URLs are https://sqs.<region>.amazonaws.com/<account>/<name>"
    );
    assert_eq!(
        cloud.notifier("uploads").address(),
        "arn:aws:sns:ap-south-1:123456789012:uploads",
        "SNS topic ARNs are arn:aws:sns:<region>:<account>:<topic>"
    );
}

#[test]
fn gcp_makes_gs_urls_and_pub_sub_topics() {
    let cloud = gcp();
    let mut storage = cloud.storage();
    assert_eq!(
        storage.put("dog.mp4", b"woof".to_vec()),
        "gs://clips/dog.mp4",
        "Cloud Storage object URLs are gs://<bucket>/<key>"
    );
    assert_eq!(
        cloud.queue("transcode").address(),
        "projects/clips-prod/topics/transcode",
        "Pub/Sub topics are projects/<project>/topics/<name>"
    );
    assert_eq!(
        cloud.notifier("uploads").address(),
        "projects/clips-prod/topics/uploads",
        "a GCP notifier is a Pub/Sub topic too: projects/<project>/topics/<topic>"
    );
}

#[test]
fn storage_keeps_the_latest_bytes_under_each_key() {
    let mut storage = aws().storage();
    assert_eq!(text(&storage, "cat.mp4"), None, "a new bucket is empty");
    storage.put("cat.mp4", b"first".to_vec());
    storage.put("dog.mp4", b"woof".to_vec());
    storage.put("cat.mp4", b"second".to_vec());
    assert_eq!(
        text(&storage, "cat.mp4").as_deref(),
        Some("second"),
        "a second put under cat.mp4 replaces the first"
    );
    assert_eq!(
        text(&storage, "dog.mp4").as_deref(),
        Some("woof"),
        "dog.mp4 is kept beside cat.mp4"
    );
}

#[test]
fn queues_hand_jobs_out_first_in_first_out() {
    let mut queue = gcp().queue("transcode");
    for job in ["a", "b", "c"] {
        queue.send(job.into());
    }
    // At most four, so a queue that never runs dry fails here instead of looping.
    let received: Vec<String> = std::iter::from_fn(|| queue.receive()).take(4).collect();
    assert_eq!(
        received,
        ["a", "b", "c"],
        "jobs in the order they were sent, then nothing"
    );
}

#[test]
fn an_aws_upload_service_uses_aws_for_all_three_parts() {
    let mut service = UploadService::new(&aws());
    let url = service.upload("cat.mp4", b"meow".to_vec());
    assert_eq!(
        url, "s3://videos/cat.mp4",
        "upload returns the object's URL"
    );
    assert_eq!(
        text(service.storage(), "cat.mp4").as_deref(),
        Some("meow"),
        "the upload is stored"
    );
    assert_eq!(
        service.jobs().address(),
        "https://sqs.ap-south-1.amazonaws.com/123456789012/transcode",
        "the service's queue is named transcode"
    );
    assert_eq!(
        service.announcements().address(),
        "arn:aws:sns:ap-south-1:123456789012:uploads",
        "the service's topic is named uploads"
    );
    assert_eq!(
        service.announcements().published(),
        ["uploaded s3://videos/cat.mp4"],
        "each upload is announced as `uploaded <url>`"
    );
    assert_eq!(
        service.next_job().as_deref(),
        Some("s3://videos/cat.mp4"),
        "one job per upload, carrying its URL"
    );
    assert_eq!(service.next_job(), None, "one upload, one job");
}

#[test]
fn a_gcp_upload_service_uses_gcp_for_all_three_parts() {
    let mut service = UploadService::new(&gcp());
    service.upload("a.mp4", vec![1]);
    service.upload("b.mp4", vec![2]);
    assert_eq!(
        service.jobs().address(),
        "projects/clips-prod/topics/transcode",
        "the service's queue is named transcode"
    );
    assert_eq!(
        service.announcements().address(),
        "projects/clips-prod/topics/uploads",
        "the service's topic is named uploads"
    );
    assert_eq!(
        service.announcements().published(),
        ["uploaded gs://clips/a.mp4", "uploaded gs://clips/b.mp4"],
        "each upload is announced as `uploaded <url>`, in order"
    );
    assert_eq!(
        [service.next_job(), service.next_job()],
        [
            Some("gs://clips/a.mp4".to_string()),
            Some("gs://clips/b.mp4".to_string())
        ],
        "one job per upload, carrying its URL, oldest first"
    );
}

#[test]
fn the_two_families_products_are_different_types() {
    fn type_ids<C: Cloud + 'static>() -> [TypeId; 3] {
        [
            TypeId::of::<C::Storage>(),
            TypeId::of::<C::Queue>(),
            TypeId::of::<C::Notifier>(),
        ]
    }
    for (aws, gcp) in type_ids::<Aws>().into_iter().zip(type_ids::<Gcp>()) {
        assert_ne!(
            aws, gcp,
            "an AWS product and the GCP product in its place are the same type, so one \
             could be put where the other belongs; give each family its own types"
        );
    }
}

/// A family of the checks' own: everything in one map, addresses under `local:`.
struct Local;

#[derive(Default)]
struct LocalStore(HashMap<String, Vec<u8>>);

impl Storage for LocalStore {
    fn put(&mut self, key: &str, bytes: Vec<u8>) -> String {
        self.0.insert(key.into(), bytes);
        format!("local:files/{key}")
    }
    fn get(&self, key: &str) -> Option<&[u8]> {
        self.0.get(key).map(Vec::as_slice)
    }
}

struct LocalQueue(Vec<String>);

impl Queue for LocalQueue {
    fn address(&self) -> &str {
        "local:queue"
    }
    fn send(&mut self, job: String) {
        self.0.insert(0, job);
    }
    fn receive(&mut self) -> Option<String> {
        self.0.pop()
    }
}

struct LocalLog(Vec<String>);

impl Notifier for LocalLog {
    fn address(&self) -> &str {
        "local:log"
    }
    fn publish(&mut self, message: String) {
        self.0.push(message);
    }
    fn published(&self) -> &[String] {
        &self.0
    }
}

impl Cloud for Local {
    type Storage = LocalStore;
    type Queue = LocalQueue;
    type Notifier = LocalLog;
    fn storage(&self) -> LocalStore {
        LocalStore::default()
    }
    fn queue(&self, _name: &str) -> LocalQueue {
        LocalQueue(Vec::new())
    }
    fn notifier(&self, _topic: &str) -> LocalLog {
        LocalLog(Vec::new())
    }
}

#[test]
fn the_upload_service_works_with_a_family_the_checks_define() {
    let mut service = UploadService::new(&Local);
    let url = service.upload("clip.mp4", b"frames".to_vec());
    assert_eq!(
        url, "local:files/clip.mp4",
        "the URL comes from the family's own storage"
    );
    assert_eq!(
        text(service.storage(), "clip.mp4").as_deref(),
        Some("frames"),
        "the upload is in the family's own storage"
    );
    assert_eq!(
        service.announcements().published(),
        ["uploaded local:files/clip.mp4"],
        "the upload is announced on the family's own notifier"
    );
    assert_eq!(
        service.next_job().as_deref(),
        Some("local:files/clip.mp4"),
        "the job is on the family's own queue, carrying the URL"
    );
}
