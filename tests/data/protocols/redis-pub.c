PUBLISH Foo "Hi there :)"
