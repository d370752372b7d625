// A published upload asked to start uploading again: only a created upload can
// start, so this must not compile.
use design_patterns::state::VideoUpload;

fn main() {
    let mut uploading = VideoUpload::new(1).start_upload();
    uploading.receive_chunk(0).unwrap();
    let published = uploading.finish_upload().unwrap().publish("https://videos.example/cat");
    let _restarted = published.start_upload();
}
