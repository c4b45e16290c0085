220 pigeon.eyrie.af.mil ESMTP Sendmail 8.8.7/8.8.7; Sat, 7 Aug 1999 08:20:11 -0400
500 Command unrecognized
250 (delta.peach.mil) pleased to meet you.
250 <coreys@delta.peach.mil>... Sender Ok
250 <camronm@pigeon.eyrie.af.mil> OK
250 <melvynr@pigeon.eyrie.af.mil> OK
250 <valeskag@pigeon.eyrie.af.mil> OK
250 <yvonnes@pigeon.eyrie.af.mil> OK
250 <kirstym@pigeon.eyrie.af.mil> OK
250 <vladimim@pigeon.eyrie.af.mil> OK
250 <mandil@pigeon.eyrie.af.mil> OK
250 <joaon@pigeon.eyrie.af.mil> OK
250 <timothab@pigeon.eyrie.af.mil> OK
250 <sergec@pigeon.eyrie.af.mil> OK
250 <bernicea@pigeon.eyrie.af.mil> OK
250 <juttar@pigeon.eyrie.af.mil> OK
250 <carolah@pigeon.eyrie.af.mil> OK
250 <liesal@pigeon.eyrie.af.mil> OK
250 <tigera@pigeon.eyrie.af.mil> OK
250 <fernanda@pigeon.eyrie.af.mil> OK
250 <sherryb@pigeon.eyrie.af.mil> OK
250 <uschic@pigeon.eyrie.af.mil> OK
250 <waylone@pigeon.eyrie.af.mil> OK
250 <torib@pigeon.eyrie.af.mil> OK
250 <corbind@pigeon.eyrie.af.mil> OK
250 <felicidr@pigeon.eyrie.af.mil> OK
250 <isidoraw@pigeon.eyrie.af.mil> OK
250 <kristalh@pigeon.eyrie.af.mil> OK
250 <orlandos@pigeon.eyrie.af.mil> OK
250 <elysea@pigeon.eyrie.af.mil> OK
250 <beckyw@pigeon.eyrie.af.mil> OK
250 <samsonw@pigeon.eyrie.af.mil> OK
250 <lucjanm@pigeon.eyrie.af.mil> OK
250 <channinm@pigeon.eyrie.af.mil> OK
354 Enter mail, end with "." on a line by itself
250 Mail accepted
221 Closing connection
