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
// providers. As shipped, AWS's bucket and GCP's are the same type, and so are their
// queues and topics: nothing stops a GCP queue from joining an AWS service. Give
// each product a type parameter for its provider (`Bucket<P>`, with a
// `PhantomData<P>` field) so that a `Bucket<Aws>` is not a `Bucket<Gcp>`.

/// An in-memory bucket.
#[derive(Debug)]
pub struct Bucket {
    /// The URL of the bucket, which an object's key is appended to.
    url: String,
    objects: BTreeMap<String, Vec<u8>>,
}

impl Storage for Bucket {
    fn put(&mut self, key: &str, bytes: Vec<u8>) -> String {
        todo!()
    }

    fn get(&self, key: &str) -> Option<&[u8]> {
        todo!()
    }
}

/// An in-memory queue.
#[derive(Debug)]
pub struct JobQueue {
    address: String,
    jobs: VecDeque<String>,
}

impl Queue for JobQueue {
    fn address(&self) -> &str {
        todo!()
    }

    fn send(&mut self, job: String) {
        todo!()
    }

    fn receive(&mut self) -> Option<String> {
        todo!()
    }
}

/// An in-memory topic.
#[derive(Debug)]
pub struct Topic {
    address: String,
    published: Vec<String>,
}

impl Notifier for Topic {
    fn address(&self) -> &str {
        todo!()
    }

    fn publish(&mut self, message: String) {
        todo!()
    }

    fn published(&self) -> &[String] {
        todo!()
    }
}

impl Bucket {
    fn new(url: String) -> Self {
        todo!()
    }
}

impl JobQueue {
    fn new(address: String) -> Self {
        todo!()
    }
}

impl Topic {
    fn new(address: String) -> Self {
        todo!()
    }
}

impl Cloud for Aws {
    type Storage = Bucket;
    type Queue = JobQueue;
    type Notifier = Topic;

    /// `s3://<bucket>/<key>` URLs.
    fn storage(&self) -> Self::Storage {
        Bucket::new(format!("s3://{}", self.bucket))
    }

    /// SQS: `https://sqs.<region>.amazonaws.com/<account>/<name>`.
    fn queue(&self, name: &str) -> Self::Queue {
        todo!()
    }

    /// SNS: `arn:aws:sns:<region>:<account>:<topic>`.
    fn notifier(&self, topic: &str) -> Self::Notifier {
        todo!()
    }
}

impl Cloud for Gcp {
    type Storage = Bucket;
    type Queue = JobQueue;
    type Notifier = Topic;

    /// `gs://<bucket>/<key>` URLs.
    fn storage(&self) -> Self::Storage {
        todo!()
    }

    /// Pub/Sub: `projects/<project>/topics/<name>`.
    fn queue(&self, name: &str) -> Self::Queue {
        todo!()
    }

    /// Pub/Sub too: `projects/<project>/topics/<topic>`.
    fn notifier(&self, topic: &str) -> Self::Notifier {
        todo!()
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
        todo!()
    }

    /// Stores `bytes` under `name`, sends the object's URL to the queue, publishes
    /// `uploaded <url>`, and returns the URL.
    pub fn upload(&mut self, name: &str, bytes: Vec<u8>) -> String {
        todo!("store, then queue the URL, then announce it")
    }

    /// The oldest transcoding job not yet taken.
    pub fn next_job(&mut self) -> Option<String> {
        todo!()
    }

    pub fn storage(&self) -> &C::Storage {
        todo!()
    }

    pub fn jobs(&self) -> &C::Queue {
        &self.jobs
    }

    pub fn announcements(&self) -> &C::Notifier {
        &self.announcements
    }
}
