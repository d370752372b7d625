//! Checks for `exercises/design-patterns/src/state.rs`.

mod support;

use design_patterns::state::{Action, Incomplete, TransitionError, Upload, VideoUpload};
use proptest::prelude::*;
use support::{assert_does_not_compile, proptest_config};

/// Asserts that `action` on (a copy of) `upload` is refused as illegal in `state`,
/// and that it leaves the upload as it was.
#[track_caller]
fn assert_illegal(
    upload: &Upload,
    act: impl FnOnce(&mut Upload) -> Result<(), TransitionError>,
    state: &'static str,
    action: Action,
) {
    let mut after = upload.clone();
    let result = act(&mut after);
    assert_eq!(
        result,
        Err(TransitionError::Illegal { state, action }),
        "{action:?} on an upload that is {state} must be refused"
    );
    assert_eq!(
        &after, upload,
        "a refused {action:?} must leave the upload as it was"
    );
}

#[test]
fn an_upload_goes_from_created_to_published() {
    let mut upload = Upload::new(3);
    assert_eq!(upload.state(), "created", "a new upload");
    assert_eq!(
        upload.missing_chunks(),
        [0, 1, 2],
        "before it starts, every chunk is missing"
    );
    upload.start_upload().expect("a created upload starts");
    assert_eq!(upload.state(), "uploading", "after start_upload");
    for index in [2, 0, 1] {
        upload
            .receive_chunk(index)
            .expect("chunks arrive in any order");
    }
    assert_eq!(
        upload.missing_chunks(),
        Vec::<u32>::new(),
        "chunks 2, 0 and 1 of three have arrived"
    );
    upload.finish_upload().expect("every chunk arrived");
    assert_eq!(upload.state(), "processing", "after finish_upload");
    upload
        .publish("https://videos.example/cat")
        .expect("a processed upload publishes");
    assert_eq!(
        upload,
        Upload::Published {
            url: "https://videos.example/cat".into()
        },
        "published at the URL given"
    );
}

#[test]
fn chunks_can_arrive_twice_but_not_out_of_range() {
    let mut upload = Upload::new(2);
    upload.start_upload().expect("a created upload starts");
    upload.receive_chunk(1).expect("chunk 1 of 0..2");
    upload
        .receive_chunk(1)
        .expect("a resumed client may send a chunk again");
    assert_eq!(upload.missing_chunks(), [0], "only chunk 1 has arrived");
    let before = upload.clone();
    assert_eq!(
        upload.receive_chunk(2),
        Err(TransitionError::ChunkOutOfRange {
            index: 2,
            total_chunks: 2
        }),
        "an upload of 2 chunks has chunks 0 and 1"
    );
    assert_eq!(upload, before, "a refused chunk changes nothing");
}

#[test]
fn finishing_with_chunks_missing_is_refused_and_lists_them() {
    let mut upload = Upload::new(5);
    upload.start_upload().expect("a created upload starts");
    for index in [0, 3] {
        upload.receive_chunk(index).expect("in range");
    }
    let before = upload.clone();
    assert_eq!(
        upload.finish_upload(),
        Err(TransitionError::MissingChunks(vec![1, 2, 4])),
        "chunks 0 and 3 of five arrived; finishing is refused, listing the others"
    );
    assert_eq!(upload, before, "the upload keeps the chunks it has");
    let message = TransitionError::MissingChunks(vec![1, 2, 4]).to_string();
    assert!(
        message.contains("[1, 2, 4]"),
        "the message should list the missing chunks: {message}"
    );
}

#[test]
fn illegal_moves_are_refused_in_every_state() {
    let created = Upload::new(1);
    assert_illegal(
        &created,
        |upload| upload.receive_chunk(0),
        "created",
        Action::ReceiveChunk,
    );
    assert_illegal(
        &created,
        |upload| upload.finish_upload(),
        "created",
        Action::FinishUpload,
    );
    assert_illegal(
        &created,
        |upload| upload.publish("u"),
        "created",
        Action::Publish,
    );

    let mut uploading = Upload::new(1);
    uploading.start_upload().expect("a created upload starts");
    assert_illegal(
        &uploading,
        |upload| upload.start_upload(),
        "uploading",
        Action::StartUpload,
    );
    assert_illegal(
        &uploading,
        |upload| upload.publish("u"),
        "uploading",
        Action::Publish,
    );

    let processing = Upload::Processing;
    assert_illegal(
        &processing,
        |upload| upload.receive_chunk(0),
        "processing",
        Action::ReceiveChunk,
    );
    assert_illegal(
        &processing,
        |upload| upload.finish_upload(),
        "processing",
        Action::FinishUpload,
    );

    for finished in [
        Upload::Published { url: "u".into() },
        Upload::Failed { reason: "r".into() },
    ] {
        let state = finished.state();
        assert_illegal(
            &finished,
            |upload| upload.start_upload(),
            state,
            Action::StartUpload,
        );
        assert_illegal(
            &finished,
            |upload| upload.receive_chunk(0),
            state,
            Action::ReceiveChunk,
        );
        assert_illegal(
            &finished,
            |upload| upload.publish("v"),
            state,
            Action::Publish,
        );
        assert_illegal(
            &finished,
            |upload| upload.fail("again"),
            state,
            Action::Fail,
        );
    }
    let message = TransitionError::Illegal {
        state: "published",
        action: Action::ReceiveChunk,
    }
    .to_string();
    assert!(
        message.contains("published") && message.contains("receive a chunk"),
        "the message should name the state and what was asked (`Action::describe`): \
         {message}"
    );
}

#[test]
fn any_upload_not_finished_can_fail() {
    let mut uploading = Upload::new(2);
    uploading.start_upload().expect("a created upload starts");
    for mut upload in [Upload::new(2), uploading, Upload::Processing] {
        let state = upload.state();
        upload
            .fail("transcoder crashed")
            .unwrap_or_else(|error| panic!("an upload that is {state} can fail, but: {error}"));
        assert_eq!(
            upload,
            Upload::Failed {
                reason: "transcoder crashed".into()
            },
            "an upload that was {state} fails with the reason given"
        );
    }
}

#[derive(Debug, Clone)]
enum Step {
    Start,
    Chunk(u32),
    Finish,
    Publish,
    Fail,
}

fn step() -> impl proptest::strategy::Strategy<Value = Step> {
    prop_oneof![
        1 => Just(Step::Start),
        6 => (0u32..6).prop_map(Step::Chunk),
        2 => Just(Step::Finish),
        1 => Just(Step::Publish),
        1 => Just(Step::Fail),
    ]
}

proptest! {
    #![proptest_config(proptest_config(300))]

    #[test]
    fn whatever_is_asked_a_refusal_changes_nothing_and_nothing_is_published_incomplete(
        total_chunks in 0u32..5,
        steps in prop::collection::vec(step(), 0..30),
    ) {
        let mut upload = Upload::new(total_chunks);
        let mut arrived = std::collections::BTreeSet::new();
        for step in &steps {
            let before = upload.clone();
            let result = match step {
                Step::Start => upload.start_upload(),
                Step::Chunk(index) => upload.receive_chunk(*index),
                Step::Finish => upload.finish_upload(),
                Step::Publish => upload.publish("https://videos.example/v"),
                Step::Fail => upload.fail("gave up"),
            };
            match result {
                Err(_) => prop_assert_eq!(&upload, &before, "a refused {:?} changed the upload", step),
                Ok(()) => {
                    if let Step::Chunk(index) = step {
                        arrived.insert(*index);
                    }
                    if let Upload::Published { .. } | Upload::Failed { .. } = before {
                        prop_assert!(false, "{:?} was accepted on a {} upload", step, before.state());
                    }
                }
            }
            if upload.state() == "processing" {
                prop_assert_eq!(arrived.len() as u32, total_chunks, "processing before every chunk arrived (after {:?})", step);
            }
        }
    }
}

#[test]
fn a_typestate_upload_goes_from_created_to_published() {
    let mut upload = VideoUpload::new(2).start_upload();
    upload.receive_chunk(1).expect("chunk 1 of 0..2");
    assert_eq!(
        upload.receive_chunk(2),
        Err(TransitionError::ChunkOutOfRange {
            index: 2,
            total_chunks: 2
        }),
        "an upload of 2 chunks has chunks 0 and 1"
    );
    assert_eq!(upload.missing_chunks(), [0], "only chunk 1 has arrived");
    let Incomplete {
        mut upload,
        missing,
    } = match upload.finish_upload() {
        Ok(_) => panic!("finished with chunk 0 missing"),
        Err(incomplete) => incomplete,
    };
    assert_eq!(
        missing,
        [0],
        "the refusal hands the upload back with what it is missing"
    );
    upload.receive_chunk(0).expect("the missing chunk, resent");
    let processing = upload.finish_upload().expect("every chunk arrived");
    let published = processing.publish("https://videos.example/dog");
    assert_eq!(
        published.url(),
        "https://videos.example/dog",
        "published at the URL given"
    );
    assert_eq!(
        published.total_chunks(),
        2,
        "the upload keeps its number of chunks through every state"
    );
}

#[test]
fn a_typestate_upload_can_fail_before_it_is_published() {
    let failed = VideoUpload::new(1).fail("cancelled");
    assert_eq!(failed.reason(), "cancelled", "a created upload fails");
    let failed = VideoUpload::new(1).start_upload().fail("client went away");
    assert_eq!(
        failed.reason(),
        "client went away",
        "an uploading upload fails"
    );
    let mut uploading = VideoUpload::new(1).start_upload();
    uploading.receive_chunk(0).expect("chunk 0 of 0..1");
    let processing = uploading.finish_upload().expect("complete");
    assert_eq!(
        processing.fail("transcoder crashed").reason(),
        "transcoder crashed",
        "a processing upload fails"
    );
}

#[test]
fn a_typestate_upload_cannot_publish_while_uploading() {
    assert_does_not_compile("publish_while_uploading");
}

#[test]
fn a_published_typestate_upload_cannot_fail() {
    assert_does_not_compile("fail_a_published_upload");
}

#[test]
fn a_failed_typestate_upload_cannot_fail_again() {
    assert_does_not_compile("fail_a_failed_upload");
}

#[test]
fn a_published_typestate_upload_cannot_start_uploading_again() {
    assert_does_not_compile("restart_a_published_upload");
}
