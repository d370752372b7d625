// An upload still receiving chunks asked to publish: only a processed upload can,
// so this must not compile.
use design_patterns::state::VideoUpload;

fn main() {
    let uploading = VideoUpload::new(2).start_upload();
    let _published = uploading.publish("https://videos.example/cat");
}
