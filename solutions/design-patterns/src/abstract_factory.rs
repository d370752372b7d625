//! Exercise: Abstract factory.
//!
//! An upload service needs three things from its cloud: object storage, a job
//! queue and a notifier. A [`Cloud`] makes all three, as a family: its associated
//! types tie each product to its provider, so an [`UploadService`] built from AWS
//! has S3, SQS and SNS, one built from GCP has Cloud Storage and Pub/Sub, and a
//! service that mixes the two cannot be written down. The products here keep their
//! data in memory; their addresses follow each provider's format.
//! Read "Abstract factory" in `notes/design-patterns.md`.

use std::collections::{BTreeMap, VecDeque};
use std::marker::PhantomData;

/// Object storage: keeps bytes under a key.
pub trait Storage {
    /// Stores `bytes` under `key` (replacing what was there) and returns the
    /// object's URL.
    fn put(&mut self, key: &str, bytes: Vec<u8>) -> String;
    fn get(&self, key: &str) -> Option<&[u8]>;
}

/// A first-in, first-out job queue.
pub trait Queue {
    /// Where producers send jobs.
    fn address(&self) -> &str;
    fn send(&mut self, job: String);
    fn receive(&mut self) -> Option<String>;
}

/// Publishes messages to whoever subscribed to a topic.
pub trait Notifier {
    /// The topic's address.
    fn address(&self) -> &str;
    fn publish(&mut self, message: String);
    /// Every message published so far, oldest first.
    fn published(&self) -> &[String];
}

/// The abstract factory: one cloud provider's family of products.
pub trait Cloud {
    type Storage: Storage;
    type Queue: Queue;
    type Notifier: Notifier;

    /// The provider's bucket for uploads.
    fn storage(&self) -> Self::Storage;
    /// A queue named `name`.
    fn queue(&self, name: &str) -> Self::Queue;
    /// A notifier for the topic `topic`.
    fn notifier(&self, topic: &str) -> Self::Notifier;
}

/// Amazon Web Services in one region and account.
#[derive(Debug, Clone)]
pub struct Aws {
    pub region: String,
    pub account: String,
    pub bucket: String,
}

/// Google Cloud in one project.
#[derive(Debug, Clone)]
pub struct Gcp {
    pub project: String,
    pub bucket: String,
}

// The products keep their data in memory, with one implementation for both
// providers. The provider `P` in their types is what keeps families apart: a
// `Bucket<Aws>` is not a `Bucket<Gcp>`, so one cannot stand in for the other. Real
// products would be S3, SQS and SNS clients on one side and Cloud Storage and
// Pub/Sub clients on the other.

/// An in-memory bucket of provider `P`.
#[derive(Debug)]
pub struct Bucket<P> {
    /// The URL of the bucket, which an object's key is appended to.
    url: String,
    objects: BTreeMap<String, Vec<u8>>,
    provider: PhantomData<P>,
}

impl<P> Storage for Bucket<P> {
    fn put(&mut self, key: &str, bytes: Vec<u8>) -> String {
        self.objects.insert(key.to_owned(), bytes);
        format!("{}/{key}", self.url)
    }

    fn get(&self, key: &str) -> Option<&[u8]> {
        self.objects.get(key).map(Vec::as_slice)
    }
}

/// An in-memory queue of provider `P`.
#[derive(Debug)]
pub struct JobQueue<P> {
    address: String,
    jobs: VecDeque<String>,
    provider: PhantomData<P>,
}

impl<P> Queue for JobQueue<P> {
    fn address(&self) -> &str {
        &self.address
    }

    fn send(&mut self, job: String) {
        self.jobs.push_back(job);
    }

    fn receive(&mut self) -> Option<String> {
        self.jobs.pop_front()
    }
}

/// An in-memory topic of provider `P`.
#[derive(Debug)]
pub struct Topic<P> {
    address: String,
    published: Vec<String>,
    provider: PhantomData<P>,
}

impl<P> Notifier for Topic<P> {
    fn address(&self) -> &str {
        &self.address
    }

    fn publish(&mut self, message: String) {
        self.published.push(message);
    }

    fn published(&self) -> &[String] {
        &self.published
    }
}

impl<P> Bucket<P> {
    fn new(url: String) -> Self {
        Bucket {
            url,
            objects: BTreeMap::new(),
            provider: PhantomData,
        }
    }
}

impl<P> JobQueue<P> {
    fn new(address: String) -> Self {
        JobQueue {
            address,
            jobs: VecDeque::new(),
            provider: PhantomData,
        }
    }
}

impl<P> Topic<P> {
    fn new(address: String) -> Self {
        Topic {
            address,
            published: Vec::new(),
            provider: PhantomData,
        }
    }
}

impl Cloud for Aws {
    type Storage = Bucket<Aws>;
    type Queue = JobQueue<Aws>;
    type Notifier = Topic<Aws>;

    /// `s3://<bucket>/<key>` URLs.
    fn storage(&self) -> Self::Storage {
        Bucket::new(format!("s3://{}", self.bucket))
    }

    /// SQS: `https://sqs.<region>.amazonaws.com/<account>/<name>`.
    fn queue(&self, name: &str) -> Self::Queue {
        JobQueue::new(format!(
            "https://sqs.{}.amazonaws.com/{}/{name}",
            self.region, self.account
        ))
    }

    /// SNS: `arn:aws:sns:<region>:<account>:<topic>`.
    fn notifier(&self, topic: &str) -> Self::Notifier {
        Topic::new(format!(
            "arn:aws:sns:{}:{}:{topic}",
            self.region, self.account
        ))
    }
}

impl Cloud for Gcp {
    type Storage = Bucket<Gcp>;
    type Queue = JobQueue<Gcp>;
    type Notifier = Topic<Gcp>;

    /// `gs://<bucket>/<key>` URLs.
    fn storage(&self) -> Self::Storage {
        Bucket::new(format!("gs://{}", self.bucket))
    }

    /// Pub/Sub: `projects/<project>/topics/<name>`.
    fn queue(&self, name: &str) -> Self::Queue {
        JobQueue::new(format!("projects/{}/topics/{name}", self.project))
    }

    /// Pub/Sub too: `projects/<project>/topics/<topic>`.
    fn notifier(&self, topic: &str) -> Self::Notifier {
        Topic::new(format!("projects/{}/topics/{topic}", self.project))
    }
}

/// Stores uploads, queues a transcoding job for each and announces it. Generic over
/// the cloud, so its three parts always come from one family.
pub struct UploadService<C: Cloud> {
    storage: C::Storage,
    jobs: C::Queue,
    announcements: C::Notifier,
}

impl<C: Cloud> UploadService<C> {
    /// The service's storage, a queue named `transcode` and a topic named `uploads`,
    /// all from `cloud`.
    pub fn new(cloud: &C) -> Self {
        UploadService {
            storage: cloud.storage(),
            jobs: cloud.queue("transcode"),
            announcements: cloud.notifier("uploads"),
        }
    }

    /// Stores `bytes` under `name`, sends the object's URL to the queue, publishes
    /// `uploaded <url>`, and returns the URL.
    pub fn upload(&mut self, name: &str, bytes: Vec<u8>) -> String {
        let url = self.storage.put(name, bytes);
        self.jobs.send(url.clone());
        self.announcements.publish(format!("uploaded {url}"));
        url
    }

    /// The oldest transcoding job not yet taken.
    pub fn next_job(&mut self) -> Option<String> {
        self.jobs.receive()
    }

    pub fn storage(&self) -> &C::Storage {
        &self.storage
    }

    pub fn jobs(&self) -> &C::Queue {
        &self.jobs
    }

    pub fn announcements(&self) -> &C::Notifier {
        &self.announcements
    }
}
