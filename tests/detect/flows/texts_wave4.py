# texts_wave4: the human texts of the corpus's fourth wave (cases_wave4.py), written fresh for it,
# per language, by an author who had not read the detector and had seen no detection results; none
# is a translation of the earlier waves' lines (flowtexts.py, texts_wave2.py, texts_wave3.py) and
# none comes from leakwatch's own tests. Themes: a power cut, a surprise birthday party, a job
# interview, a child with a fever and the school pick-up, feeding the fish while away, sewing a
# costume for the school play. Chat length, short ones included, with slang, typos, code-switching
# and emoji as people write them. Eight languages are new to the corpus: Catalan, Icelandic, Welsh,
# Albanian, Azerbaijani, Uzbek, Nepali and Zulu.
# Besides the chat lines: mail greetings, names, handles, subjects; and the subtitles, translation
# memories, ebook chapters, bot comments, alerts, spam and reminders the wave's hard negatives carry.

CHAT = {
    'en': ["power's out here lol, u too?",
           "Shh, we're throwing Dad a surprise party on Saturday, don't tell him! Bring something sweet 🎂",
           "interview went way better than I expected 😅 they'll call me next week",
           "Leo's got a fever so he's staying home. Could you grab Mia from school at 3?",
           "Could you feed the fish while we're away? Two pinches a day, the key is under the flowerpot.",
           "still sewing the dragon costume for the school play, send help 🐉"],
    'de': ["bei uns ist der Strom weg haha, bei euch auch?",
           "Psst, Samstag machen wir eine Überraschungsparty für Papa, sag ihm nix! Bring was Süßes mit 🎂",
           "Vorstellungsgespräch lief besser als gedacht 😅 die melden sich nächste Woche",
           "Jonas hat Fieber und bleibt daheim. Kannst du Mia um drei von der Schule abholen?",
           "Kannst du die Fische füttern, solange wir weg sind? Zwei Prisen am Tag, der Schlüssel liegt unterm Blumentopf.",
           "näh immer noch am Drachenkostüm fürs Schultheater, Hilfe 🐉"],
    'fr': ["plus de courant chez nous mdr, chez vous aussi ?",
           "Chut, samedi on organise une fête surprise pour papa, ne lui dis rien ! Apporte un truc sucré 🎂",
           "l'entretien s'est mieux passé que prévu 😅 ils me rappellent la semaine prochaine",
           "Léo a de la fièvre, il reste à la maison. Tu peux récupérer Inès à l'école à 15h ?",
           "Tu pourrais nourrir les poissons pendant qu'on est partis ? Deux pincées par jour, la clé est sous le pot de fleurs.",
           "toujours en train de coudre le costume de dragon pour le spectacle de l'école, au secours 🐉"],
    'es': ["se fue la luz aquí jaja, ¿a vosotros también?",
           "Shhh, el sábado le hacemos una fiesta sorpresa a papá, ¡no le digas nada! Trae algo dulce 🎂",
           "la entrevista fue mejor de lo que pensaba 😅 me llaman la semana que viene",
           "Hugo tiene fiebre y se queda en casa. ¿Puedes recoger a Sara del cole a las tres?",
           "¿Puedes darles de comer a los peces mientras estamos fuera? Dos pizcas al día, la llave está debajo de la maceta.",
           "sigo cosiendo el disfraz de dragón para la obra del cole, socorro 🐉"],
    'pt': ["acabou a luz aqui kkkk, aí também?",
           "Psiu, sábado vamos fazer uma festa surpresa pro pai, não conta nada pra ele! Traz um docinho 🎂",
           "a entrevista foi melhor do que eu esperava 😅 vão me ligar semana que vem",
           "O Davi tá com febre e vai ficar em casa. Você consegue buscar a Lara na escola às três?",
           "Você pode dar comida pros peixes enquanto a gente viaja? Duas pitadas por dia, a chave tá embaixo do vaso.",
           "ainda costurando a fantasia de dragão pra peça da escola, socorro 🐉"],
    'it': ["è saltata la corrente qui ahah, anche da voi?",
           "Shh, sabato facciamo una festa a sorpresa per papà, non dirgli niente! Porta qualcosa di dolce 🎂",
           "il colloquio è andato meglio del previsto 😅 mi richiamano la settimana prossima",
           "Tommaso ha la febbre e resta a casa. Riesci a prendere Sofia a scuola alle tre?",
           "Potresti dare da mangiare ai pesci mentre siamo via? Due pizzichi al giorno, la chiave è sotto il vaso.",
           "sto ancora cucendo il costume da drago per la recita, aiuto 🐉"],
    'nl': ["stroom is uitgevallen hier haha, bij jullie ook?",
           "Sst, zaterdag geven we een verrassingsfeest voor pap, niks zeggen! Neem iets lekkers mee 🎂",
           "sollicitatiegesprek ging beter dan verwacht 😅 ze bellen volgende week",
           "Daan heeft koorts en blijft thuis. Kun jij Fenna om drie uur van school halen?",
           "Kun je de vissen voeren als wij weg zijn? Twee snufjes per dag, de sleutel ligt onder de bloempot.",
           "nog steeds het drakenpak aan het naaien voor de schoolmusical, help 🐉"],
    'pl': ["u nas nie ma prądu haha, u was też?",
           "Ciii, w sobotę robimy tacie imprezę niespodziankę, nic mu nie mów! Przynieś coś słodkiego 🎂",
           "rozmowa kwalifikacyjna poszła lepiej niż myślałam 😅 zadzwonią w przyszłym tygodniu",
           "Kuba ma gorączkę i zostaje w domu. Możesz odebrać Hanię ze szkoły o piętnastej?",
           "Mógłbyś karmić rybki, jak nas nie będzie? Dwie szczypty dziennie, klucz jest pod doniczką.",
           "dalej szyję kostium smoka na szkolne przedstawienie, ratunku 🐉"],
    'sv': ["strömmen har gått här haha, hos er också?",
           "Schh, på lördag ordnar vi överraskningsfest för pappa, säg inget! Ta med nåt sött 🎂",
           "intervjun gick bättre än jag trodde 😅 de ringer nästa vecka",
           "Elias har feber och stannar hemma. Kan du hämta Saga på skolan klockan tre?",
           "Kan du mata fiskarna medan vi är borta? Två nypor om dagen, nyckeln ligger under blomkrukan.",
           "syr fortfarande drakdräkten till skolpjäsen, hjälp 🐉"],
    'cs': ["u nás vypadl proud haha, u vás taky?",
           "Pst, v sobotu děláme tátovi překvapení k narozkám, nic mu neříkej! Přines něco sladkýho 🎂",
           "pohovor dopadl líp, než jsem čekala 😅 ozvou se příští týden",
           "Matěj má horečku a zůstává doma. Můžeš vyzvednout Aničku ze školy ve tři?",
           "Mohl bys krmit rybičky, než se vrátíme? Dvě špetky denně, klíč je pod květináčem.",
           "pořád šiju kostým draka na školní představení, pomoc 🐉"],
    'ro': ["s-a luat curentul la noi haha, și la voi?",
           "Sst, sâmbătă îi facem tatei o petrecere surpriză, nu-i spune nimic! Adu ceva dulce 🎂",
           "interviul a mers mai bine decât credeam 😅 mă sună săptămâna viitoare",
           "Luca are febră și rămâne acasă. Poți s-o iei pe Ilinca de la școală la trei?",
           "Poți să hrănești peștii cât suntem plecați? Două ciupituri pe zi, cheia e sub ghiveci.",
           "încă cos costumul de dragon pentru serbarea de la școală, ajutor 🐉"],
    'hu': ["nálunk elment az áram haha, nálatok is?",
           "Psszt, szombaton meglepetésbulit tartunk apának, ne szólj neki! Hozz valami édeset 🎂",
           "az állásinterjú jobban ment, mint vártam 😅 jövő héten hívnak",
           "Bencének láza van, itthon marad. El tudnád hozni Lilit az iskolából háromkor?",
           "Tudnál enni adni a halaknak, amíg nem vagyunk itthon? Napi két csipet, a kulcs a virágcserép alatt van.",
           "még mindig varrom a sárkányjelmezt a suli előadására, segítség 🐉"],
    'fi': ["täältä lähti sähköt hah, teiltäkin?",
           "Hys, lauantaina pidetään isälle yllätysjuhlat, älä kerro sille mitään! Tuo jotain makeaa 🎂",
           "työhaastattelu meni paremmin kuin luulin 😅 soittavat ensi viikolla",
           "Eeli on kuumeessa ja jää kotiin. Voisitko hakea Ellan koulusta kolmelta?",
           "Voisitko ruokkia kalat sillä aikaa kun ollaan poissa? Kaksi hyppysellistä päivässä, avain on kukkaruukun alla.",
           "ompelen vieläkin lohikäärmeasua koulun näytelmään, apua 🐉"],
    'tr': ["bizde elektrikler gitti haha, sizde de mi?",
           "Şşş, cumartesi babama sürpriz doğum günü yapıyoruz, sakın bir şey söyleme! Tatlı bir şey getir 🎂",
           "mülakat düşündüğümden iyi geçti 😅 haftaya arayacaklarmış",
           "Can'ın ateşi var, evde kalıyor. Saat üçte Defne'yi okuldan alabilir misin?",
           "Biz yokken balıklara yem verebilir misin? Günde iki tutam, anahtar saksının altında.",
           "hâlâ okul oyunu için ejderha kostümünü dikiyorum, imdat 🐉"],
    'ru': ["у нас свет вырубили лол, у вас тоже?",
           "Тсс, в субботу устраиваем папе сюрприз на день рождения, ничего ему не говори! Принеси что-нибудь сладкое 🎂",
           "собеседование прошло лучше, чем я думала 😅 обещали позвонить на следующей неделе",
           "У Миши температура, он остаётся дома. Сможешь забрать Алису из школы в три?",
           "Покормишь рыбок, пока нас не будет? Две щепотки в день, ключ под цветочным горшком.",
           "всё ещё шью костюм дракона для школьного спектакля, спасите 🐉"],
    'uk': ["у нас світло вимкнули лол, у вас теж?",
           "Тсс, у суботу робимо татові сюрприз на день народження, нічого йому не кажи! Принеси щось солоденьке 🎂",
           "співбесіда пройшла краще, ніж я думала 😅 кажуть, зателефонують наступного тижня",
           "У Назара температура, він лишається вдома. Зможеш забрати Злату зі школи о третій?",
           "Погодуєш рибок, поки нас не буде? Дві дрібки на день, ключ під вазоном.",
           "досі шию костюм дракона для шкільної вистави, рятуйте 🐉"],
    'el': ["κόπηκε το ρεύμα εδώ χαχα, και σε σας;",
           "Σσς, το Σάββατο κάνουμε πάρτι έκπληξη στον μπαμπά, μην του πεις τίποτα! Φέρε κάτι γλυκό 🎂",
           "η συνέντευξη πήγε καλύτερα απ' ό,τι περίμενα 😅 θα με πάρουν την άλλη εβδομάδα",
           "Ο Άρης έχει πυρετό και μένει σπίτι. Μπορείς να πάρεις τη Δανάη από το σχολείο στις τρεις;",
           "Μπορείς να ταΐζεις τα ψάρια όσο λείπουμε; Δύο πρέζες τη μέρα, το κλειδί είναι κάτω από τη γλάστρα.",
           "ακόμα ράβω τη στολή του δράκου για τη σχολική παράσταση, βοήθεια 🐉"],
    'ar': ["الكهربا قطعت عندنا هههه، عندكم كمان؟",
           "هسسس، يوم السبت عاملين حفلة مفاجأة لبابا، لا تقول له شي! جيب معك شي حلو 🎂",
           "المقابلة مشيت أحسن مما توقعت 😅 رح يتصلوا فيي الأسبوع الجاي",
           "كريم عنده حرارة وبيضل بالبيت. بتقدر تجيب سلمى من المدرسة الساعة تلاتة؟",
           "ممكن تطعمي السمك وإحنا مسافرين؟ رشتين باليوم، والمفتاح تحت أصيص الورد.",
           "لسا عم خيّط زي التنين لمسرحية المدرسة، ساعدوني 🐉"],
    'he': ["אצלנו נפל החשמל חחח, גם אצלכם?",
           "ששש, בשבת עושים לאבא מסיבת הפתעה, אל תגיד לו כלום! תביא משהו מתוק 🎂",
           "הראיון הלך יותר טוב ממה שחשבתי 😅 יתקשרו אליי בשבוע הבא",
           "לעומר יש חום והוא נשאר בבית. תוכל לאסוף את תמר מבית הספר בשלוש?",
           "תוכלי להאכיל את הדגים כשאנחנו לא פה? שתי צביטות ביום, המפתח מתחת לעציץ.",
           "עדיין תופרת את תחפושת הדרקון להצגה של בית הספר, הצילו 🐉"],
    'fa': ["برق اینجا رفت خخخ، پیش شما هم؟",
           "هیس، شنبه برای بابا جشن تولد غافلگیری گرفتیم، چیزی بهش نگو! یه چیز شیرین بیار 🎂",
           "مصاحبه بهتر از اون چیزی که فکر می‌کردم پیش رفت 😅 هفته‌ی بعد زنگ می‌زنن",
           "نیما تب داره و خونه می‌مونه. می‌تونی ساعت سه ترانه رو از مدرسه بیاری؟",
           "می‌تونی تا ما نیستیم به ماهی‌ها غذا بدی؟ روزی دو نیشگون، کلید زیر گلدونه.",
           "هنوز دارم لباس اژدها رو برای نمایش مدرسه می‌دوزم، کمک 🐉"],
    'hi': ["यहाँ लाइट चली गई lol, तुम्हारे यहाँ भी?",
           "श्श्श, शनिवार को पापा के लिए सरप्राइज़ बर्थडे पार्टी है, उन्हें कुछ मत बताना! कुछ मीठा ले आना 🎂",
           "इंटरव्यू सोचा था उससे अच्छा गया 😅 अगले हफ्ते फ़ोन करेंगे",
           "आरव को बुखार है, वो घर पर रहेगा। क्या तुम तीन बजे मीरा को स्कूल से ले आओगे?",
           "हम बाहर हों तब तक मछलियों को खाना दे दोगे? दिन में दो चुटकी, चाबी गमले के नीचे है।",
           "स्कूल के नाटक के लिए अभी भी ड्रैगन की पोशाक सिल रही हूँ, बचाओ 🐉"],
    'bn': ["এখানে কারেন্ট চলে গেছে হাহা, তোদের ওখানেও?",
           "চুপ, শনিবার বাবার জন্য সারপ্রাইজ পার্টি, ওকে কিছু বলবি না! মিষ্টি কিছু নিয়ে আসিস 🎂",
           "ইন্টারভিউ ভাবার চেয়ে ভালো হয়েছে 😅 পরের সপ্তাহে ফোন করবে",
           "রিশানের জ্বর, ও বাড়িতে থাকছে। তুই তিনটের সময় তিন্নিকে স্কুল থেকে আনতে পারবি?",
           "আমরা না থাকলে মাছগুলোকে খাবার দিতে পারবে? দিনে দুই চিমটি, চাবি টবের নিচে।",
           "স্কুলের নাটকের জন্য এখনও ড্রাগনের পোশাক সেলাই করছি, বাঁচাও 🐉"],
    'th': ["ไฟดับที่นี่ 555 ที่นั่นดับด้วยไหม",
           "ชู่ว วันเสาร์จะจัดปาร์ตี้เซอร์ไพรส์วันเกิดให้พ่อ อย่าบอกพ่อนะ! เอาขนมหวานมาด้วย 🎂",
           "สัมภาษณ์งานไปได้ดีกว่าที่คิด 😅 เขาจะโทรมาอาทิตย์หน้า",
           "น้องภูมิเป็นไข้ อยู่บ้านวันนี้ ช่วยไปรับน้องมินที่โรงเรียนตอนบ่ายสามได้ไหม",
           "ช่วยให้อาหารปลาตอนเราไม่อยู่ได้ไหม วันละสองหยิบมือ กุญแจอยู่ใต้กระถางต้นไม้",
           "ยังเย็บชุดมังกรสำหรับละครโรงเรียนไม่เสร็จเลย ช่วยด้วย 🐉"],
    'zh': ["我们这儿停电了哈哈，你们那边也停了吗？",
           "嘘，周六给爸爸办个惊喜生日派对，千万别告诉他！带点甜的来🎂",
           "面试比我想的顺利😅 说下周给我打电话",
           "乐乐发烧了，今天在家。你三点能去学校接一下朵朵吗？",
           "我们出门这几天你能帮忙喂一下鱼吗？一天两小撮，钥匙在花盆底下。",
           "还在给学校话剧缝龙的服装，救命🐉"],
    'ja': ["うち停電したw そっちも？",
           "しーっ、土曜にお父さんのサプライズ誕生日パーティーやるから絶対言わないでね！甘いもの持ってきて🎂",
           "面接、思ったよりうまくいった😅 来週連絡くれるって",
           "蓮が熱出したから今日は休ませる。3時に結衣を学校に迎えに行ってもらえる？",
           "留守の間、金魚にエサあげてもらえないかな？1日2つまみ、鍵は植木鉢の下にあるよ。",
           "学芸会のドラゴンの衣装まだ縫ってる、たすけて🐉"],
    'ko': ["여기 정전됐어 ㅋㅋ 거기도 그래?",
           "쉿, 토요일에 아빠 깜짝 생일 파티 하니까 절대 말하지 마! 달달한 거 하나 사 와 🎂",
           "면접 생각보다 잘 봤어 😅 다음 주에 연락 준대",
           "준서가 열이 나서 오늘 집에 있어. 세 시에 하윤이 학교에서 데려와 줄 수 있어?",
           "우리 없는 동안 물고기 밥 좀 줄 수 있어? 하루에 두 꼬집, 열쇠는 화분 밑에 있어.",
           "학예회 때 입을 용 옷 아직도 꿰매는 중, 살려줘 🐉"],
    'vi': ["nhà mình mất điện rồi haha, bên đó có bị không?",
           "Suỵt, thứ Bảy làm tiệc sinh nhật bất ngờ cho bố, đừng nói gì nhé! Mang theo đồ ngọt nha 🎂",
           "phỏng vấn ổn hơn mình nghĩ 😅 tuần sau họ gọi lại",
           "Bin bị sốt nên ở nhà. Ba giờ cậu đón giúp bé Na ở trường được không?",
           "Bạn cho cá ăn giúp mình trong lúc nhà đi vắng được không? Ngày hai nhúm, chìa khóa dưới chậu hoa.",
           "vẫn đang may bộ đồ rồng cho vở kịch ở trường, cứu 🐉"],
    'id': ["listrik di sini mati wkwk, di situ juga?",
           "Sst, Sabtu kita bikin pesta kejutan buat Ayah, jangan bilang apa-apa ya! Bawa yang manis-manis 🎂",
           "wawancaranya lebih lancar dari yang kukira 😅 minggu depan mereka telepon",
           "Raka demam jadi di rumah aja. Bisa jemput Nayla di sekolah jam tiga?",
           "Bisa kasih makan ikan selama kami pergi? Dua jumput sehari, kuncinya di bawah pot bunga.",
           "masih jahit kostum naga buat drama sekolah, tolong 🐉"],
    'sw': ["umeme umekatika huku haha, na kwenu pia?",
           "Shh, Jumamosi tunamfanyia baba sherehe ya kushtukiza, usimwambie chochote! Lete kitu kitamu 🎂",
           "usaili umeenda vizuri kuliko nilivyodhani 😅 watanipigia wiki ijayo",
           "Musa ana homa, anabaki nyumbani. Unaweza kumchukua Zawadi shuleni saa tisa?",
           "Unaweza kuwalisha samaki wakati tuko safarini? Mara mbili kwa siku, ufunguo uko chini ya chungu cha maua.",
           "bado nashona vazi la joka kwa mchezo wa shule, nisaidieni 🐉"],
    'ta': ["இங்க கரண்ட் போச்சு lol, உங்க பக்கமும்?",
           "ஷ்ஷ், சனிக்கிழமை அப்பாவுக்கு சர்ப்ரைஸ் பர்த்டே பார்ட்டி, அவர்கிட்ட எதுவும் சொல்லாதே! ஏதாவது இனிப்பு கொண்டு வா 🎂",
           "இன்டர்வியூ நான் நினைச்சதை விட நல்லா போச்சு 😅 அடுத்த வாரம் கூப்பிடுவாங்களாம்",
           "அருணுக்கு காய்ச்சல், வீட்டிலேயே இருக்கான். மூணு மணிக்கு கவியாவை ஸ்கூல்ல இருந்து கூட்டிட்டு வர முடியுமா?",
           "நாங்க ஊர்ல இல்லாதப்போ மீன்களுக்கு சாப்பாடு போட முடியுமா? ஒரு நாளைக்கு ரெண்டு சிட்டிகை, சாவி பூந்தொட்டிக்கு கீழ இருக்கு.",
           "ஸ்கூல் நாடகத்துக்கு டிராகன் உடை இன்னும் தைச்சுக்கிட்டு இருக்கேன், காப்பாத்துங்க 🐉"],
    'ur': ["یہاں بجلی چلی گئی ہاہا، تمہاری طرف بھی؟",
           "شش، ہفتے کو ابو کے لیے سرپرائز سالگرہ پارٹی ہے، انہیں کچھ مت بتانا! کچھ میٹھا لے آنا 🎂",
           "انٹرویو سوچا تھا اس سے اچھا گیا 😅 اگلے ہفتے فون کریں گے",
           "احمد کو بخار ہے، وہ گھر پر رہے گا۔ کیا تم تین بجے مریم کو اسکول سے لے آؤ گے؟",
           "ہمارے جانے کے بعد مچھلیوں کو کھانا دے دو گے؟ دن میں دو چٹکی، چابی گملے کے نیچے ہے۔",
           "اسکول کے ڈرامے کے لیے ابھی تک ڈریگن کا لباس سی رہی ہوں، بچاؤ 🐉"],
    'tl': ["brownout dito haha, sa inyo din ba?",
           "Shh, sa Sabado may surprise party tayo para kay Papa, wag mong sasabihin ha! Magdala ka ng matamis 🎂",
           "mas okay yung interview kaysa inexpect ko 😅 tatawag daw sila next week",
           "May lagnat si Migo kaya nasa bahay lang siya. Pwede mo bang sunduin si Bea sa school ng alas-tres?",
           "Pwede mo bang pakainin yung mga isda habang wala kami? Dalawang kurot isang araw, nasa ilalim ng paso yung susi.",
           "tinatahi ko pa rin yung dragon costume para sa school play, tulong 🐉"],
    'ca': ["s'ha anat la llum aquí jaja, a vosaltres també?",
           "Dissabte fem una festa sorpresa per al pare, no li diguis res! Porta alguna cosa dolça 🎂",
           "l'entrevista ha anat millor del que pensava 😅 em truquen la setmana que ve",
           "En Pau té febre i es queda a casa. Pots anar a buscar la Júlia a l'escola a les tres?",
           "Podries donar menjar als peixos mentre som fora? Dos pessics al dia, la clau és sota el test.",
           "encara cosint la disfressa de drac per a l'obra de l'escola, ajuda 🐉"],
    'is': ["rafmagnið fór hér haha, hjá ykkur líka?",
           "Við höldum óvænta afmælisveislu fyrir pabba á laugardaginn, ekki segja honum neitt! Taktu með eitthvað sætt 🎂",
           "viðtalið gekk betur en ég bjóst við 😅 þau hringja í næstu viku",
           "Jón er með hita og verður heima. Geturðu sótt Sögu í skólann klukkan þrjú?",
           "Gætirðu gefið fiskunum að borða meðan við erum í burtu? Tvær klípur á dag, lykillinn er undir blómapottinum.",
           "er enn að sauma drekabúninginn fyrir skólaleikritið, hjálp 🐉"],
    'cy': ["mae'r trydan wedi mynd fan hyn lol, chi hefyd?",
           "Rydyn ni'n cael parti syrpréis i Dad ddydd Sadwrn, paid â dweud dim wrtho fe! Dere â rhywbeth melys 🎂",
           "aeth y cyfweliad yn well na'r disgwyl 😅 byddan nhw'n ffonio wythnos nesa",
           "Mae gwres ar Osian felly mae e'n aros adre. Alli di nôl Elin o'r ysgol am dri?",
           "Allet ti fwydo'r pysgod tra byddwn ni i ffwrdd? Dau binsiad y dydd, mae'r allwedd o dan y pot blodau.",
           "dal i wnïo gwisg y ddraig ar gyfer drama'r ysgol, help 🐉"],
    'sq': ["iku drita këtu haha, edhe te ju?",
           "Të shtunën po i bëjmë babit një festë surprizë, mos i thuaj asgjë! Sill diçka të ëmbël 🎂",
           "intervista shkoi më mirë se sa e prisja 😅 do më marrin në telefon javën tjetër",
           "Arditi ka temperaturë dhe do rrijë në shtëpi. Mund ta marrësh Jonën nga shkolla në orën tre?",
           "A mund t'u japësh ushqim peshqve sa të jemi larg? Dy majë në ditë, çelësi është nën vazo.",
           "ende po qep kostumin e dragoit për shfaqjen e shkollës, ndihmë 🐉"],
    'az': ["bizdə işıq getdi haha, sizdə də?",
           "Şənbə günü ata üçün sürpriz ad günü edirik, ona heç nə demə! Şirin bir şey gətir 🎂",
           "müsahibə gözlədiyimdən yaxşı keçdi 😅 gələn həftə zəng edəcəklər",
           "Elvinin qızdırması var, evdə qalır. Saat üçdə Aylini məktəbdən götürə bilərsən?",
           "Biz yoxkən balıqlara yem verə bilərsən? Gündə iki çimdik, açar gül qabının altındadır.",
           "hələ də məktəb tamaşası üçün əjdaha kostyumunu tikirəm, kömək 🐉"],
    'uz': ["bizda svet o'chib qoldi haha, sizlarda ham?",
           "Shanba kuni dadamga kutilmagan tug'ilgan kun qilamiz, unga hech narsa dema! Shirinlik olib kel 🎂",
           "suhbat o'ylaganimdan yaxshi o'tdi 😅 keyingi hafta qo'ng'iroq qilishadi",
           "Jasurning isitmasi bor, uyda qoladi. Soat uchda Madinani maktabdan olib kela olasanmi?",
           "Biz yo'qligimizda baliqlarga yem berib tura olasanmi? Kuniga ikki chimdim, kalit gultuvak tagida.",
           "hali ham maktab spektakli uchun ajdar kostyumini tikyapman, yordam bering 🐉"],
    'ne': ["यता बत्ती गयो हाहा, तिमीहरूकोमा पनि?",
           "शनिबार बुबाको लागि सरप्राइज जन्मदिन पार्टी गर्दैछौं, उहाँलाई केही नभन्नू! केही गुलियो ल्याउनू 🎂",
           "अन्तर्वार्ता सोचेभन्दा राम्रो भयो 😅 अर्को हप्ता फोन गर्छन् रे",
           "आरवलाई ज्वरो आएको छ, ऊ घरमै बस्छ। तीन बजे सृष्टिलाई स्कुलबाट लिन जान सक्छौ?",
           "हामी बाहिर हुँदा माछालाई दाना दिन सक्छौ? दिनको दुई चिम्टी, साँचो गमलाको मुनि छ।",
           "स्कुलको नाटकको लागि अझै ड्र्यागनको पोसाक सिलाउँदैछु, मद्दत गर 🐉"],
    'zu': ["ugesi uphelile lapha haha, nakini?",
           "NgoMgqibelo senzela ubaba idili lokuzalwa eliyisimanga, ungamtsheli lutho! Phatha okuthile okumnandi 🎂",
           "inhlolokhono ihambe kahle kunalokho ebengikulindele 😅 bazongishayela ngesonto elizayo",
           "USipho unomkhuhlane, uhlala ekhaya. Ungamlanda uZanele esikoleni ngehora lesithathu?",
           "Ungakwazi ukondla izinhlanzi ngesikhathi singekho? Kabili ngosuku, ukhiye ungaphansi kwebhodwe.",
           "ngisathunga ingubo kadrako yomdlalo wesikole, ngisizeni 🐉"],
}

NAMES = {
    'en': ["Poppy", "Callum", "Imogen", "Tariq"], 'de': ["Frieda", "Jannik", "Lotte", "Mats"],
    'fr': ["Louise", "Nathan", "Manon", "Théo"], 'es': ["Alba", "Marcos", "Irene", "Álvaro"],
    'pt': ["Beatriz", "Caio", "Isadora", "Rafael"], 'it': ["Martina", "Davide", "Elisa", "Simone"],
    'nl': ["Lieke", "Ruben", "Femke", "Jesse"], 'pl': ["Maja", "Kacper", "Ola", "Bartek"],
    'sv': ["Ebba", "Ludvig", "Wilma", "Axel"], 'cs': ["Klára", "Ondra", "Bára", "Filip"],
    'ro': ["Bianca", "Radu", "Oana", "Vlad"], 'hu': ["Dóra", "Levente", "Zsófi", "Ádám"],
    'fi': ["Iida", "Onni", "Senja", "Leevi"], 'tr': ["Ece", "Burak", "Selin", "Kaan"],
    'ru': ["Лиза", "Никита", "Ксюша", "Гоша"], 'uk': ["Оксана", "Богдан", "Ярина", "Максим"],
    'el': ["Κατερίνα", "Στέλιος", "Ειρήνη", "Μάνος"], 'ar': ["هالة", "سامر", "نور", "فادي"],
    'he': ["שירה", "עידו", "הילה", "אורי"], 'fa': ["نگار", "بهروز", "سارا", "کاوه"],
    'hi': ["नेहा", "विक्रम", "पूजा", "रोहन"], 'bn': ["অদিতি", "তন্ময়", "পিয়ালী", "অর্ক"],
    'th': ["ฝ้าย", "ต้น", "แพร", "เจมส์"], 'zh': ["思琪", "浩然", "欣怡", "子轩"],
    'ja': ["陽菜", "大輝", "葵", "悠真"], 'ko': ["수빈", "현우", "예린", "도윤"],
    'vi': ["Linh", "Khoa", "Trang", "Phúc"], 'id': ["Dewi", "Arif", "Intan", "Fajar"],
    'sw': ["Halima", "Omari", "Rehema", "Salim"], 'ta': ["கீர்த்தனா", "கார்த்திக்", "நிவேதா", "ராஜேஷ்"],
    'ur': ["فاطمہ", "عثمان", "سارہ", "علی"], 'tl': ["Ate Grace", "Paolo", "Kaye", "Renz"],
    'ca': ["Laia", "Pol", "Núria", "Jordi"], 'is': ["Guðrún", "Sigurður", "Hekla", "Kári"],
    'cy': ["Cerys", "Dafydd", "Nia", "Rhodri"], 'sq': ["Besa", "Arben", "Dritë", "Gent"],
    'az': ["Leyla", "Rəşad", "Nigar", "Orxan"], 'uz': ["Dilnoza", "Sardor", "Malika", "Bobur"],
    'ne': ["सुनिता", "विकास", "प्रतिमा", "सुमन"], 'zu': ["Thandi", "Sibusiso", "Nomsa", "Themba"],
}

HANDLES = ["pebble", "odile.m", "rafi", "kestrel", "zan_z", "moth", "ilka", "basil.o", "tenzin", "juno_r",
           "akosua", "viggo", "mirela", "yusuf.k", "petra_v", "hollis", "sanna", "eitan", "goran", "lupe"]

GREET = {
    'en': ("Hi {n},", "Take care,\n{n}"), 'de': ("Liebe {n},", "Bis bald,\n{n}"),
    'fr': ("Chère {n},", "À bientôt,\n{n}"), 'es': ("Hola {n}:", "Besos,\n{n}"),
    'pt': ("Querida {n},", "Abraço,\n{n}"), 'it': ("Ciao {n},", "A presto,\n{n}"),
    'nl': ("Lieve {n},", "Liefs,\n{n}"), 'pl': ("Droga {n},", "Ściskam,\n{n}"),
    'sv': ("Kära {n},", "Hälsningar,\n{n}"), 'cs': ("Milá {n},", "Zdraví,\n{n}"),
    'ro': ("Salut {n},", "Cu drag,\n{n}"), 'hu': ("Kedves {n}!", "Ölelés,\n{n}"),
    'fi': ("Hei {n},", "Halauksin,\n{n}"), 'tr': ("Sevgili {n},", "Görüşürüz,\n{n}"),
    'ru': ("Дорогая {n},", "Целую,\n{n}"), 'uk': ("Люба {n},", "Цілую,\n{n}"),
    'el': ("Αγαπητή {n},", "Τα λέμε,\n{n}"), 'ar': ("أهلًا {n}،", "سلامي،\n{n}"),
    'he': ("{n} יקרה,", "נשיקות,\n{n}"), 'fa': ("{n} عزیز،", "به امید دیدار،\n{n}"),
    'hi': ("नमस्ते {n},", "फिर मिलेंगे,\n{n}"), 'bn': ("হ্যালো {n},", "ভালো থাকিস,\n{n}"),
    'th': ("สวัสดี {n}", "คิดถึงนะ\n{n}"), 'zh': ("{n}你好：", "想你的\n{n}"),
    'ja': ("{n}へ", "じゃあね\n{n}"), 'ko': ("{n}야,", "보고 싶어\n{n}"),
    'vi': ("Chào {n},", "Thân,\n{n}"), 'id': ("Hai {n},", "Peluk,\n{n}"),
    'sw': ("Mpendwa {n},", "Kwa upendo,\n{n}"), 'ta': ("{n}க்கு,", "இப்படிக்கு,\n{n}"),
    'ur': ("السلام علیکم {n}،", "والسلام،\n{n}"), 'tl': ("Hi {n},", "Ingat,\n{n}"),
    'ca': ("Hola {n},", "Una abraçada,\n{n}"), 'is': ("Hæ {n},", "Kveðja,\n{n}"),
    'cy': ("Annwyl {n},", "Cofion cynnes,\n{n}"), 'sq': ("E dashur {n},", "Me dashuri,\n{n}"),
    'az': ("Əziz {n},", "Öpürəm,\n{n}"), 'uz': ("Salom {n},", "Hurmat bilan,\n{n}"),
    'ne': ("प्रिय {n},", "माया सहित,\n{n}"), 'zu': ("Sawubona {n},", "Ngothando,\n{n}"),
}

SUBJECTS = {
    'en': ["Saturday (shh!)", "the fish"], 'de': ["Samstag", "Fische"], 'fr': ["samedi", "les poissons"],
    'es': ["el sábado", "los peces"], 'pt': ["sábado", "os peixes"], 'it': ["sabato", "i pesci"],
    'nl': ["zaterdag"], 'pl': ["sobota"], 'sv': ["lördag"], 'cs': ["sobota"], 'ro': ["sâmbătă"],
    'hu': ["szombat"], 'fi': ["lauantai"], 'tr': ["cumartesi"], 'ru': ["суббота", "рыбки"], 'uk': ["субота"],
    'el': ["Σάββατο"], 'ar': ["السبت"], 'he': ["שבת"], 'fa': ["شنبه"], 'hi': ["शनिवार"], 'bn': ["শনিবার"],
    'th': ["วันเสาร์"], 'zh': ["周六"], 'ja': ["土曜日"], 'ko': ["토요일"], 'vi': ["thứ Bảy"], 'id': ["hari Sabtu"],
    'sw': ["Jumamosi"], 'ta': ["சனிக்கிழமை"], 'ur': ["ہفتہ"], 'tl': ["sa Sabado"], 'ca': ["dissabte"],
    'is': ["laugardagur"], 'cy': ["dydd Sadwrn"], 'sq': ["e shtuna"], 'az': ["şənbə"], 'uz': ["shanba"],
    'ne': ["शनिबार"], 'zu': ["uMgqibelo"],
}

LANGS = sorted(CHAT)
NEW_LANGS = ['ca', 'is', 'cy', 'sq', 'az', 'uz', 'ne', 'zu']     # new to the corpus in this wave
# The rotation the case plan walks: the new languages first, then those the earlier waves have
# fewest positives in; the new ones come round twice.
ROTATION = NEW_LANGS + ['tl', 'ur', 'ta', 'fa', 'sv', 'it', 'he', 'bn', 'el', 'uk', 'vi', 'sw', 'hi', 'ar',
                        'id', 'th', 'ja', 'ko', 'zh', 'tr', 'ru', 'pl', 'nl', 'cs', 'ro', 'hu', 'fi', 'pt', 'es',
                        'fr', 'de', 'en']
assert sorted(ROTATION) == LANGS
PLAN_ROTATION = ROTATION + NEW_LANGS + ['tl', 'ur', 'ta']

# ---------------------------------------------------------------- hard negatives
# WebVTT subtitles of a short film written for this corpus (scripted dialogue, uploaded by its maker).
VTT = {
    'en': ["Where were you when the lights went out?", "In the cellar. Counting candles.", "How many did you find?",
           "Eleven. And one that smells of oranges.", "Then we'll light that one last."],
    'es': ["¿Dónde estabas cuando se fue la luz?", "En el sótano. Contando velas.", "¿Cuántas encontraste?",
           "Once. Y una que huele a naranja.", "Entonces esa la encendemos la última."],
    'fr': ["Où étais-tu quand la lumière s'est éteinte ?", "À la cave. Je comptais les bougies.", "Tu en as trouvé combien ?",
           "Onze. Et une qui sent l'orange.", "Alors on allumera celle-là en dernier."],
}

# Translation-memory segments (TMX) of a hotel's booking pages.
TMX = [("Check-in is from 3 pm; late arrivals should inform the front desk.",
        "Der Check-in ist ab 15 Uhr möglich; bei später Anreise bitte die Rezeption informieren."),
       ("Breakfast is served in the garden room between 7 and 10.",
        "Das Frühstück wird zwischen 7 und 10 Uhr im Gartenzimmer serviert."),
       ("Pets are allowed on request for a small fee.",
        "Haustiere sind auf Anfrage gegen eine geringe Gebühr erlaubt.")]

# An ebook chapter (a novel written for this corpus), served by a reading app.
EBOOK = {
    'en': ("Chapter Three", ["The storm took the power lines down on the second night, and the village went back a century in an hour.",
                             "Mrs Adair lit the lamps in the order her mother had taught her, kitchen first, then the stairs, then the room where the clock stood.",
                             "Nobody spoke of the river. It had risen to the fence posts by morning, brown and patient, and it was still rising."]),
    'ru': ("Глава третья", ["На вторую ночь буря оборвала провода, и деревня за час вернулась на сто лет назад.",
                            "Анна Петровна зажигала лампы в том порядке, которому её научила мать: сначала кухня, потом лестница, потом комната с часами.",
                            "О реке никто не говорил. К утру она поднялась до столбов забора, бурая и терпеливая, и всё ещё прибывала."]),
    'it': ("Capitolo terzo", ["La seconda notte la tempesta abbatté i cavi della luce e in un'ora il paese tornò indietro di un secolo.",
                              "La signora Adami accese le lampade nell'ordine che le aveva insegnato sua madre: prima la cucina, poi le scale, poi la stanza dell'orologio.",
                              "Nessuno parlava del fiume. Al mattino era salito fino ai pali della staccionata, marrone e paziente, e saliva ancora."]),
}

# Comments posted by programs on code reviews (coverage and lint bots).
BOT_REVIEW = ["Coverage decreased (-0.42%) to 81.7% when pulling a3f9c1 into main.",
              "This pull request introduces 2 new alerts: 1 for unused variable, 1 for missing return type.",
              "All checks have passed. Preview deployed to https://pr-412.preview.example.net",
              "Thanks for your contribution! A maintainer will review it soon. Please make sure the CLA is signed."]

# Sentences sent to a machine-translation API (typed to be translated, addressed to no one there).
TRANSLATE = {'de': "Wo kann ich hier in der Nähe ein Ladekabel für mein Handy kaufen?",
             'ja': "この近くで携帯の充電ケーブルを買えるところはありますか？",
             'tr': "Buralarda telefonum için şarj kablosu nereden alabilirim?",
             'pt': "Onde posso comprar um carregador de celular aqui perto?"}

# Common Alerting Protocol (CAP 1.2) warnings written by a weather service.
CAP = {'en': ("Severe thunderstorm warning", "Thunderstorms with gusts up to 90 km/h and large hail are expected between "
              "16:00 and 21:00. Secure loose objects and avoid travel if possible."),
       'es': ("Aviso por tormentas fuertes", "Se esperan tormentas con rachas de hasta 90 km/h y granizo grande entre las 16:00 "
              "y las 21:00. Asegure los objetos sueltos y evite desplazamientos si es posible.")}

# Spam mail sent by a compromised home machine (one text, many recipients).
SPAM = {'en': ("Your parcel is waiting - confirm delivery", "Dear customer, your parcel could not be delivered because of "
               "an unpaid customs fee of 1.99 EUR. Confirm your address and pay within 24 hours at the link below, "
               "otherwise the parcel will be returned to the sender."),
        'fr': ("Votre colis vous attend - confirmez la livraison", "Cher client, votre colis n'a pas pu être livré en raison "
               "de frais de douane impayés de 1,99 EUR. Confirmez votre adresse et payez sous 24 heures via le lien "
               "ci-dessous, sinon le colis sera renvoyé à l'expéditeur."),
        'ru': ("Ваша посылка ожидает - подтвердите доставку", "Уважаемый клиент, ваша посылка не может быть доставлена из-за "
               "неоплаченной таможенной пошлины 1,99 EUR. Подтвердите адрес и оплатите в течение 24 часов по ссылке ниже, "
               "иначе посылка будет возвращена отправителю.")}

# Reminders mailed by a calendar server.
REMINDER = {'en': ("Reminder: Parents' evening, Thu 18:00", "This is an automatic reminder for the event \"Parents' evening\" "
                   "on Thursday at 18:00 (Room 4). You are receiving this because you added the event to your calendar."),
            'de': ("Erinnerung: Elternabend, Do 18:00", "Dies ist eine automatische Erinnerung an den Termin „Elternabend“ "
                   "am Donnerstag um 18:00 Uhr (Raum 4). Sie erhalten diese Nachricht, weil Sie den Termin in Ihren Kalender "
                   "eingetragen haben.")}

# Vacation auto-replies installed with ManageSieve (a template the server sends to whoever writes).
VACATION = {'en': "I am away until 24 March with limited access to email. For urgent matters please contact the office.",
            'de': "Ich bin bis zum 24. März nicht im Büro und lese meine E-Mails nur eingeschränkt. In dringenden Fällen wenden Sie sich bitte an das Sekretariat.",
            'pl': "Do 24 marca jestem na urlopie i mam ograniczony dostęp do poczty. W pilnych sprawach proszę kontaktować się z sekretariatem."}

# Profile texts (a bio) on fediverse/Nostr profiles: written once, shown to everyone, addressed to no one.
BIO = {'it': "Fotografo di montagna, amante del caffè e dei treni regionali. Qui posto foto delle Dolomiti.",
       'nl': "Fietser, bakker in het weekend en liefhebber van oude radio's. Woont in Utrecht.",
       'en': "Birdwatcher, part-time luthier, full-time cat servant. Posts about wrens and varnish.",
       'ja': "山と珈琲とローカル線が好きな写真家です。主に北アルプスの写真を投稿しています。"}

# A BBS's menu screen (server text served to every caller).
BBS_MENU = ("\r\n  THE LIGHTHOUSE BBS  -  node 2 of 4\r\n\r\n  [M] Message areas      [F] File areas\r\n"
            "  [C] Chat with sysop    [W] Who is online\r\n  [B] Bulletins          [G] Goodbye\r\n\r\n"
            "  Today's bulletin: the file area will be offline on Sunday for disk maintenance.\r\n\r\n  Your choice: ")

# News articles (written for this corpus) that a reader app sends to an AI API to be summarised.
NEWS = {
    'de': ("Stadtwerke erneuern das Stromnetz im Nordviertel",
           "Nach den Stromausfällen im Februar wollen die Stadtwerke bis Ende 2026 rund zwölf Kilometer Erdkabel im "
           "Nordviertel ersetzen. Die Arbeiten beginnen im April an der Lindenstraße; Anwohner müssen mit kurzen "
           "nächtlichen Abschaltungen rechnen. Die Kosten von 8,4 Millionen Euro trägt zum Teil das Land."),
    'fr': ("La médiathèque rouvre après six mois de travaux",
           "Fermée depuis septembre pour des travaux d'isolation, la médiathèque municipale rouvrira ses portes samedi. "
           "Les horaires sont élargis le mercredi et un espace de jeux vidéo a été aménagé au premier étage. "
           "Le chantier a coûté 1,2 million d'euros, financés en partie par la région."),
}
