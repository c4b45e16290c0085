* OK Microsoft Exchange IMAP4rev1 server version 5.5.2650.23 (umr-mail02) ready
* CAPABILITY IMAP4 IMAP4rev1 IDLE LITERAL+ LOGIN-REFERRALS MAILBOX-REFERRALS NAMESPACE AUTH=NTLM
a0000 OK CAPABILITY completed.
a0001 OK LOGIN completed.
* LIST (\Noselect) "/" ""
a0002 OK LIST completed.
* 13 EXISTS
* 13 RECENT
* FLAGS (\Seen \Answered \Flagged \Deleted \Draft)
* OK [PERMANENTFLAGS (\Seen \Answered \Flagged \Deleted \Draft)]
* OK [UIDVALIDITY 2097] UIDVALIDITY value.
a0003 OK [READ-WRITE] SELECT completed.
* 1 FETCH (FLAGS (\Seen \Recent) INTERNALDATE "11-Nov-1999 08:36:54 -0600" RFC822.SIZE 2059 BODY[HEADER.FIELDS (DATE FROM SUBJECT TO CC MESSAGE-ID REFERENCES CONTENT-TYPE IN-REPLY-TO REPLY-TO)] {303}
Date: Thu, 11 Nov 1999 08:36:54 -0600
From: "Uetrecht, Daniel J." <uetrecht@umr.edu>
Subject: RE: pipes implementation of bkupexec agent
To: "Neulinger, Nathan R." <nneul@umr.edu>
Message-ID: <9DA8D24B915BD1118911006094516EAF0261940C@umr-mail02>
Content-Type: text/plain;
	charset="iso-8859-1"

)
* 2 FETCH (FLAGS (\Seen \Recent) INTERNALDATE "11-Nov-1999 08:42:21 -0600" RFC822.SIZE 3151 BODY[HEADER.FIELDS (DATE FROM SUBJECT TO CC MESSAGE-ID REFERENCES CONTENT-TYPE IN-REPLY-TO REPLY-TO)] {303}
Date: Thu, 11 Nov 1999 08:42:20 -0600
From: "Uetrecht, Daniel J." <uetrecht@umr.edu>
Subject: RE: pipes implementation of bkupexec agent
To: "Neulinger, Nathan R." <nneul@umr.edu>
Message-ID: <9DA8D24B915BD1118911006094516EAF0261940D@umr-mail02>
Content-Type: text/plain;
	charset="iso-8859-1"

)
* 3 FETCH (FLAGS (\Seen \Recent) INTERNALDATE "11-Nov-1999 09:17:35 -0600" RFC822.SIZE 1448 BODY[HEADER.FIELDS (DATE FROM SUBJECT TO CC MESSAGE-ID REFERENCES CONTENT-TYPE IN-REPLY-TO REPLY-TO)] {343}
Date: Thu, 11 Nov 1999 09:17:35 -0600
From: "Uetrecht, Daniel J." <uetrecht@umr.edu>
Subject: RE: we should upgrade to bind 8.2.2p3... 
To: "Altheide, Richard W." <rwa@umr.edu>, "Neulinger, Nathan R."
	 <nneul@umr.edu>
Message-ID: <9DA8D24B915BD1118911006094516EAF02619411@umr-mail02>
Content-Type: text/plain;
	charset="iso-8859-1"

)
* 4 FETCH (FLAGS (\Seen \Recent) INTERNALDATE "11-Nov-1999 09:37:43 -0600" RFC822.SIZE 2575 BODY[HEADER.FIELDS (DATE FROM SUBJECT TO CC MESSAGE-ID REFERENCES CONTENT-TYPE IN-REPLY-TO REPLY-TO)] {328}
Date:         Thu, 11 Nov 1999 09:36:10 -0600
From: "O'Brennan, Gerry" <obrennan@umr.edu>
Subject:      Testing of backups on UMR-CC-FS3
To: CC-PGMR@umr.edu
Message-ID:  <9DA8D24B915BD1118911006094516EAF03B50BE4@umr-mail02>
Content-Type: text/plain; charset="ISO-8859-1"
Reply-To: "O'Brennan, Gerry" <obrennan@umr.edu>

)
* 5 FETCH (FLAGS (\Seen \Recent) INTERNALDATE "11-Nov-1999 09:56:03 -0600" RFC822.SIZE 2197 BODY[HEADER.FIELDS (DATE FROM SUBJECT TO CC MESSAGE-ID REFERENCES CONTENT-TYPE IN-REPLY-TO REPLY-TO)] {321}
Date:         Thu, 11 Nov 1999 09:54:01 -0600
From: "Turner, Jim" <turner@umr.edu>
Subject:      Novell connection problems this morning
To: CC-PGMR@umr.edu
Message-ID:  <9DA8D24B915BD1118911006094516EAF0369CE30@umr-mail02>
Content-Type: text/plain; charset="ISO-8859-1"
Reply-To: "Turner, Jim" <turner@umr.edu>

)
* 6 FETCH (FLAGS (\Seen \Recent) INTERNALDATE "11-Nov-1999 10:08:08 -0600" RFC822.SIZE 2619 BODY[HEADER.FIELDS (DATE FROM SUBJECT TO CC MESSAGE-ID REFERENCES CONTENT-TYPE IN-REPLY-TO REPLY-TO)] {439}
Date: Thu, 11 Nov 1999 10:07:29 CST
From: "Jacquelyn Hunt" <hunt84jh@hotmail.com>
Subject: Fwd: Jokes.com Joke Mail.
To: silverdazees@hotmail.com, bonehead83_98@yahoo.com, vbkay02_2000@yahoo.com,
        ddicus@writeme.com, bandy_34@hotmail.com, nutmeg12s@hotmail.com,
        nneul@umr.edu, jameskaiser@hotmail.com, staindphan@aol.com
Message-ID: <19991111160730.16828.qmail@hotmail.com>
Content-Type: text/plain; format=flowed

)
* 7 FETCH (FLAGS (\Seen \Recent) INTERNALDATE "11-Nov-1999 10:47:39 -0600" RFC822.SIZE 2656 BODY[HEADER.FIELDS (DATE FROM SUBJECT TO CC MESSAGE-ID REFERENCES CONTENT-TYPE IN-REPLY-TO REPLY-TO)] {487}
Date: Thu, 11 Nov 1999 10:46:36 -0600
From: Gilbert Ramirez <gram@xiexie.org>
Subject: Re: how to add/commit sample ethereal captures?
To: Nathan Neulinger <nneul@umr.edu>
Message-ID: <19991111104636.A31624@tivoli.com>
References: <4AE4FE33CC1B25CA8625682500142890.00140DF686256825@tivoli.com>
Content-Type: text/plain; charset=us-ascii
In-Reply-To: <4AE4FE33CC1B25CA8625682500142890.00140DF686256825@tivoli.com>; from Nathan Neulinger on Tue, Nov 09, 1999 at 09:39:02PM -0600

)
* 8 FETCH (FLAGS (\Seen \Recent) INTERNALDATE "11-Nov-1999 12:32:30 -0600" RFC822.SIZE 3905 BODY[HEADER.FIELDS (DATE FROM SUBJECT TO CC MESSAGE-ID REFERENCES CONTENT-TYPE IN-REPLY-TO REPLY-TO)] {728}
Date: Thu, 11 Nov 1999 10:50:36 -0800 (PST)
From: Rae Davis <hardcase_890@yahoo.com>
Subject: Fwd: Check this out!!
To: Dan MADRID <dmadrid@semo.net>,
        Bruce Maldonada <bmaldonado/r9_marktwain@fs.fed.us>,
        Bruce Maldonado <maddawg@tigernet.missouri.org>,
        Nathan Neulinger <nneul@umr.edu>, Gary Biehls <gcb@access995.com>,
        Mike Campbell <mkcamp@jobe.net>, Jack Chipley <jchipley@undata.com>,
        "T.L." <scentryk9@aol.com>, Joe Rocklage <joerock@mail.stlnet.com>,
        Andy Sharp <exnavy@hotmail.com>, Jennifer Sharp <SharpJDs@yahoo.com>
Message-ID: <19991111185036.25132.rocketmail@web217.mail.yahoo.com>
Content-Type: multipart/mixed; boundary="0-1350490027-942346236=:20418"

)
* 9 FETCH (FLAGS (\Seen \Recent) INTERNALDATE "11-Nov-1999 12:52:33 -0600" RFC822.SIZE 28810 BODY[HEADER.FIELDS (DATE FROM SUBJECT TO CC MESSAGE-ID REFERENCES CONTENT-TYPE IN-REPLY-TO REPLY-TO)] {1160}
Date: Thu, 11 Nov 1999 10:52:25 -0800 (PST)
From: Rae Davis <hardcase_890@yahoo.com>
Subject: Fwd: Fw: A new John 3:16
To: Linda Mike Stubblefield <lsmsde@cs.com>, "T.L." <scentryk9@aol.com>,
        Joe Rocklage <joerock@mail.stlnet.com>,
        Andy Sharp <exnavy@hotmail.com>, Jennifer Sharp <SharpJDs@yahoo.com>,
        Dewey JASCO <dswain.jasco@usa.net>,
        Kim <moberly@tigernet.missouri.org>, Nathan Neulinger <nneul@umr.edu>,
        Chrissy Coplin <desera@cybergal.com>, Rick Davis <jsh24154us@aol.com>,
        robert dowdy <robertd33@yahoo.com>,
        RANDI FETTERS <rfetters@tigernet.missouri.org>,
        Don Griffis <sgtdaryl@texoma.net>,
        JIM ANDERSON <jcankrv@tigernet.missouri.org>,
        Dan Arden <ardend@hotmail.com>, MICHAEL BEST <wdogs@prodigy.net>,
        Gary Biehls <gcb@access995.com>,
        John California <johnusnsd@hotmail.com>,
        Mike Campbell <mkcamp@jobe.net>, Jack Chipley <jchipley@undata.com>,
        Tomi Cochran <tomco@mscomm.com>
Message-ID: <19991111185225.27706.rocketmail@web213.mail.yahoo.com>
Content-Type: multipart/mixed; boundary="0-1804289383-942346345=:27605"

)
* 10 FETCH (FLAGS (\Seen \Recent) INTERNALDATE "11-Nov-1999 13:03:28 -0600" RFC822.SIZE 2414 BODY[HEADER.FIELDS (DATE FROM SUBJECT TO CC MESSAGE-ID REFERENCES CONTENT-TYPE IN-REPLY-TO REPLY-TO)] {291}
Date:         Thu, 11 Nov 1999 13:02:41 -0600
From: "Turner, Jim" <turner@umr.edu>
Subject:      ghost 5.1b can't use a 5.1d image
To: CC-NT@umr.edu
Message-ID:  <9DA8D24B915BD1118911006094516EAF0369CE32@umr-mail02>
Content-Type: text/plain
Reply-To: "Turner, Jim" <turner@umr.edu>

)
* 11 FETCH (FLAGS (\Seen \Recent) INTERNALDATE "11-Nov-1999 13:45:49 -0600" RFC822.SIZE 1252 BODY[HEADER.FIELDS (DATE FROM SUBJECT TO CC MESSAGE-ID REFERENCES CONTENT-TYPE IN-REPLY-TO REPLY-TO)] {300}
Date: Thu, 11 Nov 1999 13:45:49 -0600
From: "Uetrecht, Daniel J." <uetrecht@umr.edu>
Subject: RE: remote re-install of hp workstation
To: "Neulinger, Nathan R." <nneul@umr.edu>
Message-ID: <9DA8D24B915BD1118911006094516EAF02619419@umr-mail02>
Content-Type: text/plain;
	charset="iso-8859-1"

)
* 12 FETCH (FLAGS (\Seen \Recent) INTERNALDATE "11-Nov-1999 15:16:49 -0600" RFC822.SIZE 3339 BODY[HEADER.FIELDS (DATE FROM SUBJECT TO CC MESSAGE-ID REFERENCES CONTENT-TYPE IN-REPLY-TO REPLY-TO)] {390}
Date:         Thu, 11 Nov 1999 15:14:50 -0600
From: "Edgington, Jeffrey Alan" <jedg@umr.edu>
Subject:      Re: The problem with NDS userids and bindery logins sometimes wor
              king.....
To: CC-NT@umr.edu
Message-ID:  <9DA8D24B915BD1118911006094516EAF01CBB081@umr-mail02>
Content-Type: text/plain; charset="ISO-8859-1"
Reply-To: "Edgington, Jeffrey Alan" <jedg@umr.edu>

)
* 13 FETCH (FLAGS (\Seen \Recent) INTERNALDATE "11-Nov-1999 15:33:20 -0600" RFC822.SIZE 2562 BODY[HEADER.FIELDS (DATE FROM SUBJECT TO CC MESSAGE-ID REFERENCES CONTENT-TYPE IN-REPLY-TO REPLY-TO)] {299}
Date:         Thu, 11 Nov 1999 15:11:16 -0600
From: "Hinze, Mary L." <hinze@umr.edu>
Subject:      Veteran's Day
To: CC-PGMR@umr.edu
Message-ID:  <9DA8D24B915BD1118911006094516EAF03C7D865@umr-mail02>
Content-Type: text/plain; charset="ISO-8859-1"
Reply-To: "Hinze, Mary L." <hinze@umr.edu>

)
a0004 OK FETCH completed.
a0005 OK NOOP completed.
a0006 OK NOOP completed.
* 12 FETCH (RFC822 {3339}
Received: from smtp.umr.edu (mrelay.cc.umr.edu [131.151.1.89]) by umr-mail01.cc.umr.edu with SMTP (Microsoft Exchange Internet Mail Service Version 5.5.2650.21)
	id WF54VFYF; Thu, 11 Nov 1999 15:16:45 -0600
Received: from tornado.cc.umr.edu (tornado.cc.umr.edu [131.151.1.21]) via ESMTP by mrelay.cc.umr.edu (8.9.3/R.4.20) id PAA20735; Thu, 11 Nov 1999 15:16:44 -0600
Received: from tornado (tornado.cc.umr.edu [131.151.1.21]) via ESMTP by tornado.cc.umr.edu (8.8.7/L.3.00) id PAA17568; Thu, 11 Nov 1999 15:17:20 -0600
Received: from TORNADO.CC.UMR.EDU by TORNADO.CC.UMR.EDU (LISTSERV-TCP/IP
          release 1.8c) with spool id 166913 for CC-NT@TORNADO.CC.UMR.EDU; Thu,
          11 Nov 1999 15:17:02 -0600
Received: from smtp.umr.edu (mrelay.cc.umr.edu [131.151.1.89]) via ESMTP by
          tornado.cc.umr.edu (8.8.7/L.3.00) id PAA15493; Thu, 11 Nov 1999
          15:15:38 -0600
Received: from umr-mail01.cc.umr.edu (umr-mail01.cc.umr.edu [131.151.37.121])
          via ESMTP by mrelay.cc.umr.edu (8.9.3/R.4.20) id PAA20275; Thu, 11
          Nov 1999 15:14:58 -0600
Received: by umr-mail01 with Internet Mail Service (5.5.2650.21) id <WF54VFXW>;
          Thu, 11 Nov 1999 15:14:58 -0600
MIME-Version: 1.0
X-Mailer: Internet Mail Service (5.5.2650.21)
Content-Type: text/plain; charset="ISO-8859-1"
Message-ID:  <9DA8D24B915BD1118911006094516EAF01CBB081@umr-mail02>
Date:         Thu, 11 Nov 1999 15:14:50 -0600
Reply-To: "Edgington, Jeffrey Alan" <jedg@umr.edu>
Sender: CIS NT Programming Group <CC-NT@umr.edu>
From: "Edgington, Jeffrey Alan" <jedg@umr.edu>
Subject:      Re: The problem with NDS userids and bindery logins sometimes wor
              king.....
To: CC-NT@umr.edu

I have included this in the umrpost portion of the install.... by default
from now on the 'Save on exit' is will be disabled with our install.




>  -----Original Message-----
> From:         Uetrecht, Daniel J.
> Sent: Thursday, November 11, 1999 2:41 PM
> To:   Jolin, Debra L.
> Cc:   Edgington, Jeffrey Alan
> Subject:      RE: The problem with NDS userids and bindery logins
> sometimes working.....
>
> We need to get this included in the doc or automatically in the unattended
> installs somehow since the LSP's are unaware.
>
> Thanks!
>
>                -----Original Message-----
>               From:   Jolin, Debra L.
>               Sent:   Thursday, November 11, 1999 10:02 AM
>               To:     Uetrecht, Daniel J.
>               Subject:        RE: The problem with NDS userids and bindery
> logins sometimes working.....
>
>               Sure do.  Here it is.
>                << File: client32NT.reg >>
>
>               -debbie
>
>                        -----Original Message-----
>                       From:   Uetrecht, Daniel J.
>                       Sent:   Thursday, November 11, 1999 9:34 AM
>                       To:     Jolin, Debra L.
>                       Cc:     Hammons, Jerry L.
>                       Subject:        The problem with NDS userids and
> bindery logins sometimes working.....
>
>
>                       Jerry Hammons is reporting a similar situation on
> purch-fs1 with newly install NT machines.  The bindery login worked then
> quit working.  Did you have a reg hack for that?
>
>                       Thanks!
)
a0007 OK FETCH completed.
a0008 OK NOOP completed.
a0009 OK NOOP completed.
a0010 OK NOOP completed.
a0011 OK NOOP completed.
a0012 OK NOOP completed.
a0013 OK NOOP completed.
a0014 OK NOOP completed.
a0015 OK NOOP completed.
a0016 OK NOOP completed.
a0017 OK NOOP completed.
a0018 OK NOOP completed.
a0019 OK STORE completed.
a0020 OK STORE completed.
* 4 EXPUNGE
* 12 EXISTS
a0021 OK EXPUNGE completed.
* 12 EXISTS
* 0 RECENT
* FLAGS (\Seen \Answered \Flagged \Deleted \Draft)
* OK [PERMANENTFLAGS (\Seen \Answered \Flagged \Deleted \Draft)]
* OK [UIDVALIDITY 2097] UIDVALIDITY value.
a0022 OK [READ-WRITE] SELECT completed.
* 1 FETCH (FLAGS (\Seen) INTERNALDATE "11-Nov-1999 08:36:54 -0600" RFC822.SIZE 2059 BODY[HEADER.FIELDS (DATE FROM SUBJECT TO CC MESSAGE-ID REFERENCES CONTENT-TYPE IN-REPLY-TO REPLY-TO)] {303}
Date: Thu, 11 Nov 1999 08:36:54 -0600
From: "Uetrecht, Daniel J." <uetrecht@umr.edu>
Subject: RE: pipes implementation of bkupexec agent
To: "Neulinger, Nathan R." <nneul@umr.edu>
Message-ID: <9DA8D24B915BD1118911006094516EAF0261940C@umr-mail02>
Content-Type: text/plain;
	charset="iso-8859-1"

)
* 2 FETCH (FLAGS (\Seen) INTERNALDATE "11-Nov-1999 08:42:21 -0600" RFC822.SIZE 3151 BODY[HEADER.FIELDS (DATE FROM SUBJECT TO CC MESSAGE-ID REFERENCES CONTENT-TYPE IN-REPLY-TO REPLY-TO)] {303}
Date: Thu, 11 Nov 1999 08:42:20 -0600
From: "Uetrecht, Daniel J." <uetrecht@umr.edu>
Subject: RE: pipes implementation of bkupexec agent
To: "Neulinger, Nathan R." <nneul@umr.edu>
Message-ID: <9DA8D24B915BD1118911006094516EAF0261940D@umr-mail02>
Content-Type: text/plain;
	charset="iso-8859-1"

)
* 3 FETCH (FLAGS (\Seen) INTERNALDATE "11-Nov-1999 09:17:35 -0600" RFC822.SIZE 1448 BODY[HEADER.FIELDS (DATE FROM SUBJECT TO CC MESSAGE-ID REFERENCES CONTENT-TYPE IN-REPLY-TO REPLY-TO)] {343}
Date: Thu, 11 Nov 1999 09:17:35 -0600
From: "Uetrecht, Daniel J." <uetrecht@umr.edu>
Subject: RE: we should upgrade to bind 8.2.2p3... 
To: "Altheide, Richard W." <rwa@umr.edu>, "Neulinger, Nathan R."
	 <nneul@umr.edu>
Message-ID: <9DA8D24B915BD1118911006094516EAF02619411@umr-mail02>
Content-Type: text/plain;
	charset="iso-8859-1"

)
* 4 FETCH (FLAGS (\Seen) INTERNALDATE "11-Nov-1999 09:56:03 -0600" RFC822.SIZE 2197 BODY[HEADER.FIELDS (DATE FROM SUBJECT TO CC MESSAGE-ID REFERENCES CONTENT-TYPE IN-REPLY-TO REPLY-TO)] {321}
Date:         Thu, 11 Nov 1999 09:54:01 -0600
From: "Turner, Jim" <turner@umr.edu>
Subject:      Novell connection problems this morning
To: CC-PGMR@umr.edu
Message-ID:  <9DA8D24B915BD1118911006094516EAF0369CE30@umr-mail02>
Content-Type: text/plain; charset="ISO-8859-1"
Reply-To: "Turner, Jim" <turner@umr.edu>

)
* 5 FETCH (FLAGS (\Seen) INTERNALDATE "11-Nov-1999 10:08:08 -0600" RFC822.SIZE 2619 BODY[HEADER.FIELDS (DATE FROM SUBJECT TO CC MESSAGE-ID REFERENCES CONTENT-TYPE IN-REPLY-TO REPLY-TO)] {439}
Date: Thu, 11 Nov 1999 10:07:29 CST
From: "Jacquelyn Hunt" <hunt84jh@hotmail.com>
Subject: Fwd: Jokes.com Joke Mail.
To: silverdazees@hotmail.com, bonehead83_98@yahoo.com, vbkay02_2000@yahoo.com,
        ddicus@writeme.com, bandy_34@hotmail.com, nutmeg12s@hotmail.com,
        nneul@umr.edu, jameskaiser@hotmail.com, staindphan@aol.com
Message-ID: <19991111160730.16828.qmail@hotmail.com>
Content-Type: text/plain; format=flowed

)
* 6 FETCH (FLAGS (\Seen) INTERNALDATE "11-Nov-1999 10:47:39 -0600" RFC822.SIZE 2656 BODY[HEADER.FIELDS (DATE FROM SUBJECT TO CC MESSAGE-ID REFERENCES CONTENT-TYPE IN-REPLY-TO REPLY-TO)] {487}
Date: Thu, 11 Nov 1999 10:46:36 -0600
From: Gilbert Ramirez <gram@xiexie.org>
Subject: Re: how to add/commit sample ethereal captures?
To: Nathan Neulinger <nneul@umr.edu>
Message-ID: <19991111104636.A31624@tivoli.com>
References: <4AE4FE33CC1B25CA8625682500142890.00140DF686256825@tivoli.com>
Content-Type: text/plain; charset=us-ascii
In-Reply-To: <4AE4FE33CC1B25CA8625682500142890.00140DF686256825@tivoli.com>; from Nathan Neulinger on Tue, Nov 09, 1999 at 09:39:02PM -0600

)
* 7 FETCH (FLAGS (\Seen) INTERNALDATE "11-Nov-1999 12:32:30 -0600" RFC822.SIZE 3905 BODY[HEADER.FIELDS (DATE FROM SUBJECT TO CC MESSAGE-ID REFERENCES CONTENT-TYPE IN-REPLY-TO REPLY-TO)] {728}
Date: Thu, 11 Nov 1999 10:50:36 -0800 (PST)
From: Rae Davis <hardcase_890@yahoo.com>
Subject: Fwd: Check this out!!
To: Dan MADRID <dmadrid@semo.net>,
        Bruce Maldonada <bmaldonado/r9_marktwain@fs.fed.us>,
        Bruce Maldonado <maddawg@tigernet.missouri.org>,
        Nathan Neulinger <nneul@umr.edu>, Gary Biehls <gcb@access995.com>,
        Mike Campbell <mkcamp@jobe.net>, Jack Chipley <jchipley@undata.com>,
        "T.L." <scentryk9@aol.com>, Joe Rocklage <joerock@mail.stlnet.com>,
        Andy Sharp <exnavy@hotmail.com>, Jennifer Sharp <SharpJDs@yahoo.com>
Message-ID: <19991111185036.25132.rocketmail@web217.mail.yahoo.com>
Content-Type: multipart/mixed; boundary="0-1350490027-942346236=:20418"

)
* 8 FETCH (FLAGS (\Seen) INTERNALDATE "11-Nov-1999 12:52:33 -0600" RFC822.SIZE 28810 BODY[HEADER.FIELDS (DATE FROM SUBJECT TO CC MESSAGE-ID REFERENCES CONTENT-TYPE IN-REPLY-TO REPLY-TO)] {1160}
Date: Thu, 11 Nov 1999 10:52:25 -0800 (PST)
From: Rae Davis <hardcase_890@yahoo.com>
Subject: Fwd: Fw: A new John 3:16
To: Linda Mike Stubblefield <lsmsde@cs.com>, "T.L." <scentryk9@aol.com>,
        Joe Rocklage <joerock@mail.stlnet.com>,
        Andy Sharp <exnavy@hotmail.com>, Jennifer Sharp <SharpJDs@yahoo.com>,
        Dewey JASCO <dswain.jasco@usa.net>,
        Kim <moberly@tigernet.missouri.org>, Nathan Neulinger <nneul@umr.edu>,
        Chrissy Coplin <desera@cybergal.com>, Rick Davis <jsh24154us@aol.com>,
        robert dowdy <robertd33@yahoo.com>,
        RANDI FETTERS <rfetters@tigernet.missouri.org>,
        Don Griffis <sgtdaryl@texoma.net>,
        JIM ANDERSON <jcankrv@tigernet.missouri.org>,
        Dan Arden <ardend@hotmail.com>, MICHAEL BEST <wdogs@prodigy.net>,
        Gary Biehls <gcb@access995.com>,
        John California <johnusnsd@hotmail.com>,
        Mike Campbell <mkcamp@jobe.net>, Jack Chipley <jchipley@undata.com>,
        Tomi Cochran <tomco@mscomm.com>
Message-ID: <19991111185225.27706.rocketmail@web213.mail.yahoo.com>
Content-Type: multipart/mixed; boundary="0-1804289383-942346345=:27605"

)
* 9 FETCH (FLAGS (\Seen) INTERNALDATE "11-Nov-1999 13:03:28 -0600" RFC822.SIZE 2414 BODY[HEADER.FIELDS (DATE FROM SUBJECT TO CC MESSAGE-ID REFERENCES CONTENT-TYPE IN-REPLY-TO REPLY-TO)] {291}
Date:         Thu, 11 Nov 1999 13:02:41 -0600
From: "Turner, Jim" <turner@umr.edu>
Subject:      ghost 5.1b can't use a 5.1d image
To: CC-NT@umr.edu
Message-ID:  <9DA8D24B915BD1118911006094516EAF0369CE32@umr-mail02>
Content-Type: text/plain
Reply-To: "Turner, Jim" <turner@umr.edu>

)
* 10 FETCH (FLAGS (\Seen) INTERNALDATE "11-Nov-1999 13:45:49 -0600" RFC822.SIZE 1252 BODY[HEADER.FIELDS (DATE FROM SUBJECT TO CC MESSAGE-ID REFERENCES CONTENT-TYPE IN-REPLY-TO REPLY-TO)] {300}
Date: Thu, 11 Nov 1999 13:45:49 -0600
From: "Uetrecht, Daniel J." <uetrecht@umr.edu>
Subject: RE: remote re-install of hp workstation
To: "Neulinger, Nathan R." <nneul@umr.edu>
Message-ID: <9DA8D24B915BD1118911006094516EAF02619419@umr-mail02>
Content-Type: text/plain;
	charset="iso-8859-1"

)
* 11 FETCH (FLAGS (\Seen) INTERNALDATE "11-Nov-1999 15:16:49 -0600" RFC822.SIZE 3339 BODY[HEADER.FIELDS (DATE FROM SUBJECT TO CC MESSAGE-ID REFERENCES CONTENT-TYPE IN-REPLY-TO REPLY-TO)] {390}
Date:         Thu, 11 Nov 1999 15:14:50 -0600
From: "Edgington, Jeffrey Alan" <jedg@umr.edu>
Subject:      Re: The problem with NDS userids and bindery logins sometimes wor
              king.....
To: CC-NT@umr.edu
Message-ID:  <9DA8D24B915BD1118911006094516EAF01CBB081@umr-mail02>
Content-Type: text/plain; charset="ISO-8859-1"
Reply-To: "Edgington, Jeffrey Alan" <jedg@umr.edu>

)
* 12 FETCH (FLAGS (\Seen) INTERNALDATE "11-Nov-1999 15:33:20 -0600" RFC822.SIZE 2562 BODY[HEADER.FIELDS (DATE FROM SUBJECT TO CC MESSAGE-ID REFERENCES CONTENT-TYPE IN-REPLY-TO REPLY-TO)] {299}
Date:         Thu, 11 Nov 1999 15:11:16 -0600
From: "Hinze, Mary L." <hinze@umr.edu>
Subject:      Veteran's Day
To: CC-PGMR@umr.edu
Message-ID:  <9DA8D24B915BD1118911006094516EAF03C7D865@umr-mail02>
Content-Type: text/plain; charset="ISO-8859-1"
Reply-To: "Hinze, Mary L." <hinze@umr.edu>

)
a0023 OK FETCH completed.
a0024 OK NOOP completed.
a0025 OK CLOSE completed.
