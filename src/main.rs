fn main() {
    selfcheck::start();
}
