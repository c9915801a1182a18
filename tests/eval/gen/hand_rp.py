# Hand-written repeat groups: the same matter retold in the petitioners' own words.
HAND_RP = [
    # g: same petitioner, reworded letter, then a ledger line, then a new allegation (new official).
    [
        dict(date="2019-04-02", petitioner="郭秀芝", accused=["何世忠"], village="龙泉村", new_issue=False, text="""尊敬的县纪委领导：
我是青龙镇龙泉村四组村民郭秀芝。我男人前年在煤窑上出事走了，留下我和两个上学的娃。去年村里评低保，村支书何世忠说我年轻能干活，不给评。可他家的表侄何春兰，两口子都在广东打工，一个月挣一万多，却评上了低保。我去问他，他说“这是村里集体研究的”。
请领导帮我主持公道。
郭秀芝  2019年4月2日"""),
        dict(date="2019-09-16", petitioner="郭秀芝", accused=["何世忠"], village="龙泉村", new_issue=False, text="""县纪委领导：
四月份我给你们写过信，到现在没人找过我。我再说一遍我家的情况：我是龙泉村的郭秀芝，丈夫死在煤窑上，两个孩子还在读书，何书记就是不给我评低保。他表侄何春兰夫妻俩在外面打工挣大钱，反倒吃着低保。何世忠还说是集体研究的，哪个集体？我们组谁都没参加过会。
郭秀芝"""),
        dict(date="2020-01-08", petitioner="郭秀芝", accused=["何世忠"], village="龙泉村", new_issue=False, text="郭秀芝再次反映青龙镇龙泉村党支部书记何世忠不给其评定低保、将在外务工收入较高的表侄何春兰纳入低保等问题，称此前两次反映均未得到答复。"),
        dict(date="2020-06-21", petitioner="郭秀芝", accused=["何世忠", "郭富贵"], village="龙泉村", new_issue=True, text="""尊敬的領導：
我是龍泉村郭秀芝，這是我第四次寫信了。何世忠書記不給我評低保、把低保給他表侄何春蘭的事還是沒人管。最近我又知道，清壩村的會計郭富貴是何書記的親家，郭富貴的老母親八十多歲了，戶口遷到我們龍泉村，也吃上了我們村的低保，人一直住在清壩村。
請領導一定查一查。
郭秀芝"""),
    ],
    # g: anonymous first, then the same matter with a name, OCR noise; no new issue.
    [
        dict(date="2021-03-10", petitioner="匿名", accused=["姜有福"], village="金竹村", new_issue=False, text="""双河镇金竹村支书姜有福，今年村里修产业路，路面只铺了薄薄一层，下了一场雨就冲出了坑。修路的是他小舅子崔大林的工程队，没招标也没开会。全村人都看在眼里，就是没人敢说。
金竹村部分群众"""),
        dict(date="2021-07-28", petitioner="姜大富", accused=["姜有福"], village="金竹村", new_issue=False, text="""县纪委:
我叫姜大富,金竹村三组的。上回有人写信说过我们村修产业
路的事,我再实名说一下。路是支书姜有福的小舅子崔大林
包的,根本没有招标,路面薄得很,一场雨就冲坏了。姜
书记和我是一个姓,但是这种事我不能不说。
姜大富  电话 15908574471"""),
    ],
    # g: traditional then simplified, a new concrete fact in the third letter.
    [
        dict(date="2020-05-05", petitioner="钟德明", accused=["钟明亮"], village="团结村", new_issue=False, text="""縣紀委監委：
雙河鎮團結村黨支部書記鍾明亮在二〇一九年換屆選舉前，讓他兒子鍾小軍挨家挨戶送了米和油，每戶一袋米一桶油，還說“到時候心裡有數”。選舉那天流動票箱是他侄子拿著轉的，好幾個老人的票都是別人代填的。
鍾德明"""),
        dict(date="2020-11-19", petitioner="钟德明", accused=["钟明亮"], village="团结村", new_issue=False, text="""尊敬的县纪委领导：
去年团结村换届，钟明亮为了当选，让儿子钟小军给各家送米送油；投票那天流动票箱由他侄子拿着，老人的票被人代填。这些事我五月份已经反映过，希望领导重视。
钟德明"""),
        dict(date="2021-04-02", petitioner="钟德明", accused=["钟明亮"], village="团结村", new_issue=True, text="""县纪委领导：
还是团结村钟明亮的事。选举前送米送油、流动票箱代填选票，我已经写过两次信了。现在又有新情况：他当选以后，把送米送油的钱两万三千元拿到村里报了账，说是“慰问困难群众”，发票是他儿子钟小军店里开的。
钟德明
2021年4月2日"""),
    ],
]
