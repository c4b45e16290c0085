*1
$7
COMMAND
*1
$4
ping
*3
$3
set
$4
test
$12
Hello world!
*2
$3
get
$4
test
