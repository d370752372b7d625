// A published upload asked to fail: only an upload still under way (created,
// uploading or processing) can fail, so this must not compile.
use design_patterns::state::VideoUpload;

fn main() {
    let mut uploading = VideoUpload::new(1).start_upload();
    uploading.receive_chunk(0).unwrap();
    let published = uploading.finish_upload().unwrap().publish("https://videos.example/cat");
    let _failed = published.fail("too late");
}
